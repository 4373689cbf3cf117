namespace TiersLieux.ServiceDefaults.Validation;

/// <summary>
/// Field errors of a domain check, keyed by the field's camelCase name as clients send it; every service answers
/// them as a 422 with <see cref="Http.Problems.Invalid(Errors)"/>.
/// </summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _byField = [];

    public bool Any => _byField.Count > 0;

    public IEnumerable<string> Fields => _byField.Keys;

    public bool Has(string field) => _byField.ContainsKey(field);

    public Errors Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            _byField[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public Errors Require(string field, object? value)
    {
        if (value is null || value is string text && string.IsNullOrWhiteSpace(text))
        {
            Add(field, $"The {field} is required.");
        }

        return this;
    }

    public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
}

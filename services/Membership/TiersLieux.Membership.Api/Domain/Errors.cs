namespace TiersLieux.Membership.Api.Domain;

/// <summary>Field errors of a domain check, keyed by the field's camelCase name as clients send it.</summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _byField = [];

    public bool Any => _byField.Count > 0;

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

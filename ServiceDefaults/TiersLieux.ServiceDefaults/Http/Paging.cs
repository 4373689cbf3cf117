namespace TiersLieux.ServiceDefaults.Http;

public static class Paging
{
    public const int MaxPageSize = 100;

    /// <summary>Far beyond any real list, and small enough that the offset cannot overflow.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>The errors of a page request (pages start at 1; 1 to 100 items a page), keyed as the query names them.</summary>
    public static Dictionary<string, string[]> Validate(int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > MaxPage)
        {
            errors["page"] = [$"The page is between 1 and {MaxPage}."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be between 1 and {MaxPageSize}."];
        }

        return errors;
    }

    public static int Skip(int page, int pageSize) => (page - 1) * pageSize;
}

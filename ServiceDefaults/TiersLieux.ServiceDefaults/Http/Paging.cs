namespace TiersLieux.ServiceDefaults.Http;

/// <summary>One page of a list, the same shape in every service.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => PageSize == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}

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

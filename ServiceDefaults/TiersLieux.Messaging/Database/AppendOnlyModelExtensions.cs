using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersLieux.Messaging.Database;

/// <summary>
/// Marks a table whose rows, once written, stay as they are (an audit trail): the service's own login may insert and
/// read them, never update, delete or truncate them (<see cref="ServiceDatabaseRole"/>).
/// </summary>
public static class AppendOnlyModelExtensions
{
    private const string Annotation = "TiersLieux:AppendOnly";

    public static EntityTypeBuilder<TEntity> IsAppendOnly<TEntity>(this EntityTypeBuilder<TEntity> builder)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(Annotation, true);
        return builder;
    }

    public static bool IsAppendOnly(this IReadOnlyEntityType entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.FindAnnotation(Annotation)?.Value is true;
    }
}

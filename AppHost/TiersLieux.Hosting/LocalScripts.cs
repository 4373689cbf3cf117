namespace TiersLieux.Hosting;

/// <summary>The wrapper scripts that run the local servers, copied beside this assembly (see Scripts/).</summary>
public static class LocalScripts
{
    public static string PostgreSql => Find("local-postgres.sh");

    public static string RabbitMQ => Find("local-rabbitmq.sh");

    private static string Find(string name) =>
        Path.Combine(Path.GetDirectoryName(typeof(LocalScripts).Assembly.Location)!, "Scripts", name);
}

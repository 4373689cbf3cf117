using System.Security.Cryptography;

namespace TiersLieux.Hosting.Processes;

public static class Secrets
{
    /// <summary>
    /// The password kept in <paramref name="file"/>, generated on first use. It must stay stable across runs,
    /// or the data directories it protects stop opening. Alphanumeric, so it needs no escaping in URIs.
    /// </summary>
    public static string StablePassword(string file)
    {
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var password = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24);
        File.WriteAllText(file, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return password;
    }
}

using System.Security.Cryptography;

namespace TiersLieux.Hosting.Processes;

public static class Secrets
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>A fresh random secret for this run only (alphanumeric).</summary>
    public static string NewSecret() => RandomNumberGenerator.GetString(Alphabet, 32);

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
        var password = RandomNumberGenerator.GetString(Alphabet, 24);
        File.WriteAllText(file, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return password;
    }
}

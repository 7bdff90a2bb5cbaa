using System.Reflection;
using System.Runtime.CompilerServices;

namespace Velithon.Generators.Tests;

/// <summary>
/// Verify-style snapshots: <c>&lt;TestClass&gt;.&lt;Name&gt;.verified.cs</c> beside the test file holds the accepted
/// output. On a mismatch the actual output is written to <c>*.received.cs</c> (git-ignored) and the test fails;
/// accepting it is a deliberate rename of received to verified after reading it.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string actual, string name, [CallerFilePath] string testFile = "")
    {
        string directory = SnapshotDirectory(testFile);
        string prefix = Path.Combine(directory, Path.GetFileNameWithoutExtension(testFile) + "." + name);
        string verifiedPath = prefix + ".verified.cs";
        string receivedPath = prefix + ".received.cs";
        string normalized = Normalize(actual);

        if (File.Exists(verifiedPath) && Normalize(File.ReadAllText(verifiedPath)) == normalized)
        {
            if (File.Exists(receivedPath))
            {
                File.Delete(receivedPath);
            }

            return;
        }

        File.WriteAllText(receivedPath, normalized);
        string hint = File.Exists(verifiedPath)
            ? $"Snapshot mismatch. Compare: diff \"{verifiedPath}\" \"{receivedPath}\"{Environment.NewLine}{FirstDifference(Normalize(File.ReadAllText(verifiedPath)), normalized)}"
            : $"No snapshot yet. Read \"{receivedPath}\"; if it is right, rename it to \"{Path.GetFileName(verifiedPath)}\".";
        Assert.Fail(hint + Environment.NewLine + "Accept by renaming *.received.cs to *.verified.cs.");
    }

    /// <summary>
    /// The names of the verified snapshots beside <paramref name="testFile"/> that belong to
    /// <paramref name="testClass"/> and start with <paramref name="namePrefix"/> (what <see cref="Verify"/> was given).
    /// </summary>
    public static IReadOnlyList<string> VerifiedNames(string testClass, string namePrefix, [CallerFilePath] string testFile = "")
    {
        string prefix = testClass + "." + namePrefix;
        return Directory.EnumerateFiles(SnapshotDirectory(testFile), prefix + "*.verified.cs")
            .Select(path => Path.GetFileName(path)[(testClass.Length + 1)..^".verified.cs".Length])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every <c>*.verified.cs</c> file of the test project (bin and obj aside), as paths relative to the project.</summary>
    public static IReadOnlyList<string> AllVerifiedFiles()
    {
        string project = typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
        return Directory.EnumerateFiles(project, "*.verified.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(project, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // [CallerFilePath] is the real path in a local build but "/_/tests/<project>/..." when the CI build maps
    // paths; then the part after the project's folder is resolved against the recorded project directory.
    private static string SnapshotDirectory(string testFile)
    {
        string directory = Path.GetDirectoryName(testFile)!;
        if (Directory.Exists(directory))
        {
            return directory;
        }

        string projectDirectory = typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!;
        string projectName = Path.GetFileName(projectDirectory);
        string mapped = directory.Replace('\\', '/');
        int at = mapped.IndexOf("/" + projectName, StringComparison.Ordinal);
        string relative = at < 0 ? string.Empty : mapped[(at + projectName.Length + 1)..].TrimStart('/');
        return Path.Combine(projectDirectory, relative);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    private static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string left = i < e.Length ? e[i] : "<end>";
            string right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"First difference at line {i + 1}:{Environment.NewLine}- {left}{Environment.NewLine}+ {right}";
            }
        }

        return string.Empty;
    }
}

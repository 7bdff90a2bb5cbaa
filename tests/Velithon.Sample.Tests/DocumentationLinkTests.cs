using System.Text;
using System.Text.RegularExpressions;

namespace Velithon.Sample.Tests;

/// <summary>
/// Every relative link in the README and under <c>docs/</c> reaches a file that exists and, when it names an anchor, a
/// heading (or an explicit <c>id</c>) that file has, as GitHub derives heading anchors: a renamed type or heading breaks
/// the build rather than a newcomer's click.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    [Fact]
    public void Relative_links_and_anchors_in_the_docs_resolve()
    {
        string root = RepositoryRoot();
        var documents = new List<string> { Path.Combine(root, "README.md") };
        documents.AddRange(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories));
        var anchors = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var broken = new List<string>();
        int checkedLinks = 0;

        foreach (string document in documents)
        {
            string text = WithoutCode(File.ReadAllText(document));
            foreach (Match link in LinkPattern().Matches(text))
            {
                string target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                int hash = target.IndexOf('#', StringComparison.Ordinal);
                string file = hash < 0 ? target : target[..hash];
                string anchor = hash < 0 ? string.Empty : target[(hash + 1)..];
                string resolved = file.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, Uri.UnescapeDataString(file)));
                string where = Path.GetRelativePath(root, document) + ": " + target;
                checkedLinks++;
                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                {
                    broken.Add(where + " (no such file)");
                    continue;
                }

                if (anchor.Length == 0 || !resolved.EndsWith(".md", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!anchors.TryGetValue(resolved, out HashSet<string>? known))
                {
                    known = AnchorsOf(File.ReadAllText(resolved));
                    anchors[resolved] = known;
                }

                if (!known.Contains(anchor))
                {
                    broken.Add(where + " (no such heading)");
                }
            }
        }

        Assert.True(checkedLinks > 100, $"only {checkedLinks} links found: the scan is broken");
        Assert.True(broken.Count == 0, "broken links:\n" + string.Join('\n', broken));
    }

    [Theory]
    [InlineData("## `MemoryBoundedCache<TKey, TValue>`", "memoryboundedcachetkey-tvalue")]
    [InlineData("## Limits and errors", "limits-and-errors")]
    [InlineData("### Pool rent + return, 4 KiB (`MemoryPoolBenchmarks`, stats on)", "pool-rent--return-4-kib-memorypoolbenchmarks-stats-on")]
    [InlineData("## Issue 18: `Page<T>`", "issue-18-paget")]
    public void Anchors_are_derived_as_GitHub_derives_them(string heading, string anchor) =>
        Assert.Contains(anchor, AnchorsOf(heading));

    // GitHub: lower-case, drop everything but letters, digits, spaces, hyphens and underscores, spaces to hyphens;
    // a repeated heading gets -1, -2, ...
    private static HashSet<string> AnchorsOf(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string line in WithoutCode(markdown).Split('\n'))
        {
            Match heading = HeadingPattern().Match(line);
            if (heading.Success)
            {
                var slug = new StringBuilder();
                foreach (char c in heading.Groups["text"].Value.Trim().ToLowerInvariant())
                {
                    if (char.IsLetterOrDigit(c) || c is '-' or '_')
                    {
                        slug.Append(c);
                    }
                    else if (c == ' ')
                    {
                        slug.Append('-');
                    }
                }

                string anchor = slug.ToString();
                int count = seen.GetValueOrDefault(anchor);
                seen[anchor] = count + 1;
                anchors.Add(count == 0 ? anchor : anchor + "-" + count);
            }

            foreach (Match id in IdPattern().Matches(line))
            {
                anchors.Add(id.Groups["id"].Value);
            }
        }

        return anchors;
    }

    // Fenced code blocks hold examples, not links or headings.
    private static string WithoutCode(string markdown) => FencePattern().Replace(markdown.Replace("\r\n", "\n", StringComparison.Ordinal), string.Empty);

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Velithon.Gen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Velithon.Gen.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"<a\s+(?:id|name)=""(?<id>[^""]+)""")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencePattern();
}

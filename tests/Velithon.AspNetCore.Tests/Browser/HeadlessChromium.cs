using System.Diagnostics;

namespace Velithon.AspNetCore.Tests.Browser;

/// <summary>
/// Runs the Debian <c>chromium</c> (or the executable named by <c>VELITHON_CHROMIUM</c>) headless and returns the DOM
/// after the page's scripts ran. CI installs chromium (<c>.ci/run</c>); elsewhere the tests that need it are skipped.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly Lazy<string?> s_executable = new(Find);

    public static string? Executable => s_executable.Value;

    /// <summary>Loads <paramref name="url"/> and dumps the DOM once <paramref name="virtualTime"/> of page time has passed.</summary>
    /// <remarks>
    /// Virtual time runs timers as fast as the page allows and waits for pending network requests, so a page that polls
    /// every 2 s records several samples in well under a second of wall time, deterministically.
    /// </remarks>
    public static async Task<string> DumpDomAsync(Uri url, TimeSpan virtualTime, TimeSpan timeout)
    {
        string executable = Executable ?? throw new InvalidOperationException("chromium was not found.");
        string profile = Directory.CreateTempSubdirectory("velithon-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", $"--user-data-dir={profile}",
                $"--virtual-time-budget={(int)virtualTime.TotalMilliseconds}", "--dump-dom", url.AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {timeout}: {await errors}");
            }

            string dom = await output;
            return dom.Length > 0 ? dom : throw new InvalidOperationException($"chromium exited with {process.ExitCode} and no DOM: {await errors}");
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // chromium's helper processes may still hold files for a moment; the temp folder is cleaned later.
            }
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("VELITHON_CHROMIUM") is { Length: > 0 } configured)
        {
            return configured;
        }

        string[] names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.SelectMany(d => names.Select(n => Path.Combine(d, n))).FirstOrDefault(File.Exists);
    }
}

/// <summary>
/// A fact that needs headless chromium: skipped when it is missing on a developer machine, but never on CI (the
/// <c>CI</c> variable set), where a missing browser must fail the run instead of silently skipping the test.
/// </summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Executable is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = "chromium is not installed (apt-get install chromium, or set VELITHON_CHROMIUM); CI installs it.";
        }
    }
}

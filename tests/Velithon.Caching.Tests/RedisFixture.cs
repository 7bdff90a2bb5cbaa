using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Velithon.Caching.Tests;

/// <summary>
/// Runs a real <c>redis-server</c> on a free loopback port with persistence off, can kill and restart it on the same
/// port, and kills it on dispose.
/// </summary>
public sealed class RedisFixture : IDisposable
{
    public const string ServerPath = "/usr/bin/redis-server";

    private static readonly Lazy<int> s_majorVersion = new(MajorVersion);

    private Process? _process;

    public RedisFixture()
    {
        if (!IsAvailable)
        {
            return;
        }

        Port = FreePort();
        Start();
    }

    public static bool IsAvailable => File.Exists(ServerPath) || FindOnPath() is not null;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Start()
    {
        var info = new ProcessStartInfo(File.Exists(ServerPath) ? ServerPath : FindOnPath()!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            info.ArgumentList.Add(arg);
        }

        // Redis 7 refuses DEBUG (the stall tests' DEBUG SLEEP) unless enabled; older servers do not know the option.
        if (s_majorVersion.Value >= 7)
        {
            info.ArgumentList.Add("--enable-debug-command");
            info.ArgumentList.Add("yes");
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on {Port} within 10 s.");
    }

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int MajorVersion()
    {
        // "Redis server v=7.0.15 sha=..."
        using Process process = Process.Start(new ProcessStartInfo(File.Exists(ServerPath) ? ServerPath : FindOnPath()!, "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        int start = output.IndexOf("v=", StringComparison.Ordinal) + 2;
        int end = output.IndexOf('.', start);
        return start >= 2 && end > start && int.TryParse(output.AsSpan(start, end - start), System.Globalization.CultureInfo.InvariantCulture, out int major) ? major : 0;
    }

    private static string? FindOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(static dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
}

/// <summary>
/// A fact that is skipped, saying why, when <c>redis-server</c> is not installed on a developer machine; never on CI (the
/// <c>CI</c> variable set), where <c>.ci/run</c> installs it and a missing server must fail the run instead.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!RedisFixture.IsAvailable && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = "redis-server is not installed (apt-get install redis-server); the L2 cache tests need a real Redis.";
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisGroup : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}

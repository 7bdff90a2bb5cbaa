using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Velithon.Caching.Tests;

/// <summary>One <c>redis-server</c> process on a loopback port, persistence off; started, waited for, killed.</summary>
internal sealed class RedisServerProcess : IDisposable
{
    public const string ServerPath = "/usr/bin/redis-server";
    public const string CliPath = "/usr/bin/redis-cli";

    private static readonly Lazy<int> s_majorVersion = new(MajorVersion);

    private readonly IReadOnlyList<string> _extraArgs;
    private Process? _process;

    public RedisServerProcess(int port, IReadOnlyList<string>? extraArgs = null)
    {
        Port = port;
        _extraArgs = extraArgs ?? [];
    }

    public int Port { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Gets the path of <c>redis-server</c>: <see cref="ServerPath"/> or the first on PATH; <see langword="null"/> when neither.</summary>
    public static string? Server => Find(ServerPath, "redis-server");

    /// <summary>Gets the path of <c>redis-cli</c> (the cluster fixture creates the cluster with it).</summary>
    public static string? Cli => Find(CliPath, "redis-cli");

    /// <summary>Starts the server and waits until it listens; false when it exited first (its port was taken).</summary>
    public bool TryStart(TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Server ?? throw new InvalidOperationException("redis-server is not installed."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            info.ArgumentList.Add(arg);
        }

        // Redis 7 refuses DEBUG (the stall tests' DEBUG SLEEP) unless enabled; older servers do not know the option.
        if (s_majorVersion.Value >= 7)
        {
            info.ArgumentList.Add("--enable-debug-command");
            info.ArgumentList.Add("yes");
        }

        foreach (string arg in _extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                Kill();
                return false;
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        Kill();
        throw new InvalidOperationException($"redis-server did not listen on {Port} within {timeout.TotalSeconds} s.");
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

    /// <summary>Gets whether <paramref name="port"/> can be bound on loopback now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int MajorVersion()
    {
        // "Redis server v=7.0.15 sha=..."
        using Process process = Process.Start(new ProcessStartInfo(Server!, "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        int start = output.IndexOf("v=", StringComparison.Ordinal) + 2;
        int end = output.IndexOf('.', start);
        return start >= 2 && end > start && int.TryParse(output.AsSpan(start, end - start), CultureInfo.InvariantCulture, out int major) ? major : 0;
    }

    private static string? Find(string path, string name) =>
        File.Exists(path)
            ? path
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, name))
                .FirstOrDefault(File.Exists);
}

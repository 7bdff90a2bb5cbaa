using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Velithon.Caching.Tests;

/// <summary>
/// A bare RESP2 connection to one Redis node: no cluster routing, no reconnects. The cluster fixture asks each node
/// about itself with it, and the pub/sub tests subscribe on one chosen node, which StackExchange.Redis does not let a
/// cluster client pick.
/// </summary>
internal sealed class RespClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private RespClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static RespClient Connect(int port, TimeSpan timeout)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            client.Connect(IPAddress.Loopback, port);
            client.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            client.SendTimeout = (int)timeout.TotalMilliseconds;
            return new RespClient(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and reads its reply: a string, a long, an array (object?[]), null, or a <see cref="RespError"/>.</summary>
    public object? Execute(params string[] args)
    {
        Send(args);
        return Read();
    }

    public void Send(params string[] args)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"*{args.Length}\r\n");
        foreach (string arg in args)
        {
            sb.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(arg)}\r\n{arg}\r\n");
        }

        _stream.Write(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    /// <summary>Reads the next reply (or pushed message); throws <see cref="IOException"/> when none arrives within the timeout.</summary>
    public object? Read()
    {
        string line = ReadLine();
        string rest = line[1..];
        switch (line[0])
        {
            case '+':
                return rest;
            case '-':
                return new RespError(rest);
            case ':':
                return long.Parse(rest, CultureInfo.InvariantCulture);
            case '$':
                int length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                byte[] bytes = ReadExactly(length + 2);
                return Encoding.UTF8.GetString(bytes, 0, length);
            case '*':
                int count = int.Parse(rest, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                var items = new object?[count];
                for (int i = 0; i < count; i++)
                {
                    items[i] = Read();
                }

                return items;
            default:
                throw new InvalidDataException($"Not a RESP2 reply: {line}");
        }
    }

    public void Dispose() => _client.Dispose();

    private string ReadLine()
    {
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline > _start && _buffer[newline - 1] == '\r')
            {
                string line = Encoding.UTF8.GetString(_buffer, _start, newline - 1 - _start);
                _start = newline + 1;
                return line;
            }

            Fill();
        }
    }

    private byte[] ReadExactly(int count)
    {
        var result = new byte[count];
        int copied = 0;
        while (copied < count)
        {
            if (_start == _end)
            {
                Fill();
            }

            int n = Math.Min(count - copied, _end - _start);
            Buffer.BlockCopy(_buffer, _start, result, copied, n);
            _start += n;
            copied += n;
        }

        return result;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidDataException("A RESP line longer than the buffer.");
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            throw new IOException("The Redis node closed the connection.");
        }

        _end += read;
    }
}

/// <summary>An error reply (<c>-ERR ...</c>, <c>-MOVED ...</c>).</summary>
internal sealed record RespError(string Message);

using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Velithon.Json.Tests;

/// <summary>An <see cref="IBufferWriter{T}"/> that hands out spans of exactly the size asked for (at least 1), so the
/// writer has to ask again for nearly every token; it checks that the writer honours size hints and never writes past them.</summary>
internal sealed class StingyBufferWriter : IBufferWriter<byte>
{
    private readonly List<byte> _written = [];
    private byte[] _current = [];
    private bool _outstanding;

    public byte[] WrittenBytes => [.. _written];

    public void Advance(int count)
    {
        if (!_outstanding || count < 0 || count > _current.Length)
        {
            throw new InvalidOperationException($"Advance({count}) after GetSpan of {_current.Length} (outstanding: {_outstanding}).");
        }

        _written.AddRange(_current.AsSpan(0, count));
        _outstanding = false;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        _current = new byte[Math.Max(sizeHint, 1)];
        _outstanding = true;
        return _current;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}

/// <summary>Rewrites a JSON document token by token: the "reads what STJ Web reads" variations.</summary>
internal static class JsonRewriter
{
    private static readonly string[] UnknownValues =
    [
        "1", "-1.5e3", "0", "\"str\"", "\"\\u00e9\\ud83d\\ude00\\\"\"", "true", "false", "null", "{}", "[]",
        "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", "[[[]],{\"x\":1},\"y\",2.5,null,true]", "12345678901234567890123456789",
    ];

    /// <summary>Every number token becomes a string holding the same text (NumberHandling.AllowReadingFromString).</summary>
    public static byte[] NumbersAsStrings(byte[] json) => Rewrite(json, null, numbersAsStrings: true, caseFlip: false, unknown: false);

    /// <summary>Property names with randomly flipped letter case (PropertyNameCaseInsensitive).</summary>
    public static byte[] FlipCase(byte[] json, Random random) => Rewrite(json, random, numbersAsStrings: false, caseFlip: true, unknown: false);

    /// <summary>Unknown members of every JSON kind at the start and end of objects.</summary>
    public static byte[] InsertUnknownMembers(byte[] json, Random random) => Rewrite(json, random, numbersAsStrings: false, caseFlip: false, unknown: true);

    /// <summary>The members of <paramref name="second"/> after those of <paramref name="first"/> in one object: every member duplicated, last wins.</summary>
    public static byte[]? Concatenate(byte[] first, byte[] second)
    {
        if (first.Length < 3 || second.Length < 3 || first[0] != '{' || second[0] != '{')
        {
            return null;
        }

        return [.. first.AsSpan(0, first.Length - 1), (byte)',', .. second.AsSpan(1)];
    }

    private static byte[] Rewrite(byte[] json, Random? random, bool numbersAsStrings, bool caseFlip, bool unknown)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true, MaxDepth = 1000 }))
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 1000 });
            int counter = 0;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        if (unknown && random!.Next(2) == 0)
                        {
                            WriteUnknown(writer, random, ref counter);
                        }

                        break;
                    case JsonTokenType.EndObject:
                        if (unknown && random!.Next(2) == 0)
                        {
                            WriteUnknown(writer, random, ref counter);
                        }

                        writer.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        break;
                    case JsonTokenType.EndArray:
                        writer.WriteEndArray();
                        break;
                    case JsonTokenType.PropertyName:
                        string name = reader.GetString()!;
                        writer.WritePropertyName(caseFlip ? Flip(name, random!) : name);
                        break;
                    case JsonTokenType.String:
                        writer.WriteStringValue(reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        if (numbersAsStrings)
                        {
                            writer.WriteStringValue(Encoding.UTF8.GetString(reader.ValueSpan));
                        }
                        else
                        {
                            writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        }

                        break;
                    case JsonTokenType.True:
                        writer.WriteBooleanValue(true);
                        break;
                    case JsonTokenType.False:
                        writer.WriteBooleanValue(false);
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                }
            }
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteUnknown(Utf8JsonWriter writer, Random random, ref int counter)
    {
        writer.WritePropertyName("zzUnknown" + counter++.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteRawValue(UnknownValues[random.Next(UnknownValues.Length)], skipInputValidation: true);
    }

    private static string Flip(string name, Random random) =>
        string.Create(name.Length, (name, random), static (span, state) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                char c = state.name[i];
                span[i] = state.random.Next(2) == 0 ? c : char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
            }
        });
}

/// <summary>Random damage to valid documents.</summary>
internal static class Mutator
{
    private static readonly byte[] Significant = "{}[]\",:0123456789-+.eE\\ntfuarls \t\r\n"u8.ToArray();

    public static byte[] Mutate(byte[] json, Random random)
    {
        var bytes = new List<byte>(json);
        int mutations = 1 + random.Next(3);
        for (int m = 0; m < mutations; m++)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = Significant[random.Next(Significant.Length)];
                    break;
                case 2:
                    bytes.Insert(at, random.Next(2) == 0 ? Significant[random.Next(Significant.Length)] : (byte)random.Next(256));
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(4)));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5 when bytes.Count > 0:
                    int length = Math.Min(bytes.Count - at, 1 + random.Next(16));
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.Insert(at, (byte)(random.Next(2) == 0 ? 0xC3 : 0xED));
                    break;
            }
        }

        return [.. bytes];
    }
}

/// <summary>Runs a test body on its own thread with a time limit, reporting the input in flight if it hangs.</summary>
internal static class Bounded
{
    public static void Run(TimeSpan limit, Action<ConcurrentDictionary<int, string>> body)
    {
        var inFlight = new ConcurrentDictionary<int, string>();
        var task = Task.Factory.StartNew(() => body(inFlight), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(limit))
        {
            Assert.Fail($"No result within {limit}: a hang? Inputs in flight:\n{string.Join("\n", inFlight.Values)}");
        }

        task.GetAwaiter().GetResult();
    }
}

/// <summary>The outcome of an asynchronous read: its value, or the exception it threw (compared with STJ's).</summary>
internal static class AsyncOutcome
{
    public static async Task<(T? Value, Exception? Error)> Of<T>(Func<Task<T?>> read)
    {
        try
        {
            return (await read(), null);
        }
        catch (Exception ex)
        {
            return (default, ex);
        }
    }
}

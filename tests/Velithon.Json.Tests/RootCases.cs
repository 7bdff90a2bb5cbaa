using System.Buffers;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Velithon.Json.Tests.Models;
using Velithon.Json.Tests.Profiles;

namespace Velithon.Json.Tests;

/// <summary>Lists, arrays and dictionaries of one <c>[VelithonJson]</c> type as the whole document, against STJ with the type's options.</summary>
internal abstract class RootCase
{
    public abstract string Name { get; }

    public abstract void WritesLikeStj();

    public abstract void ReadsStjOutput();

    public abstract void FailsLikeStjOnDamagedInput();

    public abstract void StreamsLikeStj();
}

internal sealed class RootCase<T>(Gen<T> element, Func<JsonSerializerOptions> options, int iterations) : RootCase
    where T : IVelithonJson<T>
{
    private readonly Lazy<JsonSerializerOptions> _stj = new(options);

    public override string Name => typeof(T).Name;

    private JsonSerializerOptions Stj => _stj.Value;

    // Elements with one in ten null (the default of a struct), lists of 0 to 6 of them.
    private Gen<List<T>> Lists => Gen.Frequency((9, element), (1, Gen.Const(default(T)!))).List[0, 6];

    private Gen<Dictionary<string, T>> Dictionaries =>
        Gen.Select(Generators.Key, Gen.Frequency((9, element), (1, Gen.Const(default(T)!)))).Array[0, 5].Select(pairs =>
        {
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach ((string key, T value) in pairs)
            {
                map.TryAdd(key, value);
            }

            return map;
        });

    public override void WritesLikeStj()
    {
        Lists.Run(
            list =>
            {
                byte[] expected = JsonSerializer.SerializeToUtf8Bytes(list, Stj);
                AssertSameBytes(expected, VelithonJson.SerializeListToUtf8Bytes(list), "SerializeListToUtf8Bytes(List<T>)");
                AssertSameBytes(JsonSerializer.SerializeToUtf8Bytes(list.ToArray(), Stj), VelithonJson.SerializeListToUtf8Bytes(list.ToArray()), "SerializeListToUtf8Bytes(T[])");
                IReadOnlyList<T> readOnly = new ReadOnlyCollection<T>(list);
                AssertSameBytes(JsonSerializer.SerializeToUtf8Bytes(readOnly, Stj), VelithonJson.SerializeListToUtf8Bytes(readOnly), "SerializeListToUtf8Bytes(IReadOnlyList<T>)");
                var stingy = new StingyBufferWriter();
                VelithonJson.SerializeList(list, stingy);
                AssertSameBytes(expected, stingy.WrittenBytes, "SerializeList(stingy IBufferWriter)");
            },
            iterations,
            print: Show);

        Dictionaries.Run(
            map =>
            {
                byte[] expected = JsonSerializer.SerializeToUtf8Bytes(map, Stj);
                AssertSameBytes(expected, VelithonJson.SerializeDictionaryToUtf8Bytes(map), "SerializeDictionaryToUtf8Bytes");
                var buffer = new ArrayBufferWriter<byte>(1);
                VelithonJson.SerializeDictionary(map, buffer);
                AssertSameBytes(expected, buffer.WrittenSpan.ToArray(), "SerializeDictionary(IBufferWriter)");
            },
            iterations,
            print: Show);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes<List<T>?>(null, Stj), VelithonJson.SerializeListToUtf8Bytes<T>(null));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes<Dictionary<string, T>?>(null, Stj), VelithonJson.SerializeDictionaryToUtf8Bytes<T>(null));
    }

    public override void ReadsStjOutput()
    {
        Gen.Select(Lists, Gen.Int).Run(
            t =>
            {
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(t.Item1, Stj);
                SameOutcome(json, json => JsonSerializer.Deserialize<List<T>>(json, Stj), json => VelithonJson.DeserializeList<T>(json));
                if (!TryStj(() => JsonSerializer.Deserialize<List<T>>(json, Stj), out List<T>? expected))
                {
                    return; // STJ cannot read its own output here (a double it writes beyond the range it reads): Velithon failed alike above
                }

                AssertDeepEqual(expected, VelithonJson.DeserializeList<T>(json), "DeserializeList(span)", json);
                AssertDeepEqual(expected, VelithonJson.DeserializeList<T>(TestInputs.Split(json, new Random(t.Item2))), "DeserializeList(sequence)", json);
                AssertDeepEqual(JsonSerializer.Deserialize<T[]>(json, Stj), VelithonJson.DeserializeArray<T>(json), "DeserializeArray(span)", json);
                AssertDeepEqual(JsonSerializer.Deserialize<T[]>(json, Stj), VelithonJson.DeserializeArray<T>(TestInputs.Split(json, new Random(t.Item2))), "DeserializeArray(sequence)", json);
            },
            iterations,
            print: t => Show(t.Item1));

        Gen.Select(Dictionaries, Gen.Int).Run(
            t =>
            {
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(t.Item1, Stj);
                SameOutcome(json, json => JsonSerializer.Deserialize<Dictionary<string, T>>(json, Stj), json => VelithonJson.DeserializeDictionary<T>(json));
                if (!TryStj(() => JsonSerializer.Deserialize<Dictionary<string, T>>(json, Stj), out Dictionary<string, T>? expected))
                {
                    return;
                }

                AssertDeepEqual(expected, VelithonJson.DeserializeDictionary<T>(json), "DeserializeDictionary(span)", json);
                AssertDeepEqual(expected, VelithonJson.DeserializeDictionary<T>(TestInputs.Split(json, new Random(t.Item2))), "DeserializeDictionary(sequence)", json);
            },
            iterations,
            print: t => Show(t.Item1));

        Assert.Null(VelithonJson.DeserializeList<T>(" null "u8));
        Assert.Null(VelithonJson.DeserializeArray<T>("null"u8));
        Assert.Null(VelithonJson.DeserializeDictionary<T>("null"u8));
    }

    public override void FailsLikeStjOnDamagedInput()
    {
        Gen.Select(Lists, Dictionaries, Gen.Int).Run(
            t =>
            {
                var random = new Random(t.Item3);
                byte[] list = Mutator.Mutate(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Stj), random);
                SameOutcome(list, json => JsonSerializer.Deserialize<List<T>>(json, Stj), json => VelithonJson.DeserializeList<T>(json));
                SameOutcome(list, json => JsonSerializer.Deserialize<T[]>(json, Stj), json => VelithonJson.DeserializeArray<T>(json));
                byte[] map = Mutator.Mutate(JsonSerializer.SerializeToUtf8Bytes(t.Item2, Stj), random);
                SameOutcome(map, json => JsonSerializer.Deserialize<Dictionary<string, T>>(json, Stj), json => VelithonJson.DeserializeDictionary<T>(json));

                // A JSON null where an element or a value would be: a struct's is STJ's conversion error at its index or key.
                byte[] nulledList = WithNulls(t.Item1, random);
                SameOutcome(nulledList, json => JsonSerializer.Deserialize<List<T>>(json, Stj), json => VelithonJson.DeserializeList<T>(json));
                SameOutcome(nulledList, json => JsonSerializer.Deserialize<T[]>(json, Stj), json => VelithonJson.DeserializeArray<T>(TestInputs.Split(json.ToArray(), random)));
                byte[] nulledMap = WithNulls(t.Item2, random);
                SameOutcome(nulledMap, json => JsonSerializer.Deserialize<Dictionary<string, T>>(json, Stj), json => VelithonJson.DeserializeDictionary<T>(json));
            },
            iterations,
            print: t => Show(t.Item1));
    }

    /// <summary>
    /// Lists STJ writes, and damaged copies of them, read from streams that return 1 to 64 bytes a read: the list
    /// <c>DeserializeListAsync</c> reads and its errors are those of STJ's <c>DeserializeAsync&lt;List&lt;T&gt;&gt;</c>,
    /// and <c>DeserializeAsyncEnumerable</c> yields the same elements from a list STJ reads.
    /// </summary>
    public override void StreamsLikeStj()
    {
        Gen.Select(Lists, Gen.Int, Gen.Bool).Run(
            t =>
            {
                var random = new Random(t.Item2);
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(t.Item1, Stj);
                if (t.Item3)
                {
                    json = random.Next(4) == 0 ? WithNulls(t.Item1, random) : Mutator.Mutate(json, random);
                }

                int maxRead = 1 + random.Next(64);
                SameOutcome(
                    json,
                    streamed: true,
                    () => JsonSerializer.DeserializeAsync<List<T>>(new MemoryStream(json), Stj).AsTask().GetAwaiter().GetResult(),
                    () => VelithonJson.DeserializeListAsync<T>(new TrickleStream(json, maxRead, t.Item2)).AsTask().GetAwaiter().GetResult());
                if (TryStj(() => JsonSerializer.Deserialize<List<T>>(json, Stj), out List<T>? expected) && expected is not null)
                {
                    AssertDeepEqual(expected, DrainAsync(VelithonJson.DeserializeAsyncEnumerable<T>(new TrickleStream(json, maxRead, t.Item2))).GetAwaiter().GetResult(), "DeserializeAsyncEnumerable", json);
                }
            },
            iterations,
            print: t => Show(t.Item1));
    }

    // The list as STJ writes it, with some elements (at least one, if any) written as null instead.
    private byte[] WithNulls(List<T> list, Random random)
    {
        int always = list.Count == 0 ? -1 : random.Next(list.Count);
        return Encoding.UTF8.GetBytes("[" + string.Join(",", list.Select((element, i) => i == always || random.Next(4) == 0 ? "null" : JsonSerializer.Serialize(element, Stj))) + "]");
    }

    private byte[] WithNulls(Dictionary<string, T> map, Random random)
    {
        int always = map.Count == 0 ? -1 : random.Next(map.Count);
        return Encoding.UTF8.GetBytes("{" + string.Join(",", map.Select((entry, i) => JsonSerializer.Serialize(entry.Key) + ":" + (i == always || random.Next(4) == 0 ? "null" : JsonSerializer.Serialize(entry.Value, Stj)))) + "}");
    }

    private static async Task<List<T?>> DrainAsync(IAsyncEnumerable<T?> elements)
    {
        var list = new List<T?>();
        await foreach (T? element in elements)
        {
            list.Add(element);
        }

        return list;
    }

    private delegate TResult SpanReader<TResult>(ReadOnlySpan<byte> json);

    /// <summary>Both read <paramref name="json"/> to equal values, or both fail with the same message, path, line and position.</summary>
    private static void SameOutcome<TResult>(byte[] json, SpanReader<TResult> stj, SpanReader<TResult> velithon) =>
        SameOutcome(json, streamed: false, () => stj(json), () => velithon(json));

    /// <summary>
    /// As the span overload; <paramref name="streamed"/>: STJ read a stream in blocks, so an invalid literal's message
    /// quotes what its block held after it ("'trrue,"id":...' is an invalid JSON literal"): the quoted texts must then
    /// only start alike, and everything else must be equal.
    /// </summary>
    private static void SameOutcome<TResult>(byte[] json, bool streamed, Func<TResult> stj, Func<TResult> velithon)
    {
        (TResult? expected, Exception? stjError) = Try(stj);
        (TResult? actual, Exception? error) = Try(velithon);
        if (error is not null and not JsonException)
        {
            Assert.Fail($"Velithon threw {error.GetType()} (not a JsonException) for {Escape(json)}: {error}");
        }

        if (stjError is null)
        {
            Assert.True(error is null, $"STJ read {Escape(json)}; Velithon failed: {error?.Message}");
            AssertDeepEqual(expected, actual, "damaged but valid input", json);
            return;
        }

        var stjJson = stjError as JsonException ?? throw new InvalidOperationException($"STJ threw {stjError.GetType()}", stjError);
        Assert.True(error is not null, $"STJ rejected {Escape(json)} ({stjError.Message}); Velithon read it");
        var velithonJson = (JsonException)error!;
        if (!SameMessage(stjJson.Message, velithonJson.Message, streamed) || stjJson.Path != velithonJson.Path
            || stjJson.LineNumber != velithonJson.LineNumber || stjJson.BytePositionInLine != velithonJson.BytePositionInLine)
        {
            Assert.Fail($"Input: {Escape(json)}\nSTJ:      {stjJson.Message} (path {stjJson.Path})\nVelithon: {velithonJson.Message} (path {velithonJson.Path})\n{velithonJson}");
        }
    }

    private static bool SameMessage(string stj, string velithon, bool streamed)
    {
        const string InvalidLiteral = "' is an invalid JSON literal. ";
        if (stj == velithon)
        {
            return true;
        }

        int stjAt = stj.LastIndexOf(InvalidLiteral, StringComparison.Ordinal);
        int velithonAt = velithon.LastIndexOf(InvalidLiteral, StringComparison.Ordinal);
        if (!streamed || stjAt < 1 || velithonAt < 1 || stj[stjAt..] != velithon[velithonAt..])
        {
            return false;
        }

        string stjQuoted = stj[1..stjAt];
        string velithonQuoted = velithon[1..velithonAt];
        return stjQuoted.StartsWith(velithonQuoted, StringComparison.Ordinal) || velithonQuoted.StartsWith(stjQuoted, StringComparison.Ordinal);
    }

    private static bool TryStj<TResult>(Func<TResult> read, out TResult? value)
    {
        (value, Exception? error) = Try(read);
        return error is null;
    }

    private static (TResult? Value, Exception? Error) Try<TResult>(Func<TResult> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception ex)
        {
            return (default, ex);
        }
    }

    private string Show(object? value)
    {
        try
        {
            return JsonSerializer.Serialize(value, Stj);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return $"<{ex.GetType().Name}: {ex.Message}>";
        }
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual, string what)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail($"{what}: output differs from STJ.\nExpected: {Escape(expected)}\nActual:   {Escape(actual)}");
        }
    }

    private static void AssertDeepEqual(object? expected, object? actual, string what, byte[] json)
    {
        string? diff = DeepEqual.Diff(expected, actual);
        if (diff is not null)
        {
            Assert.Fail($"{what}: {diff}\nInput: {Escape(json)}");
        }
    }

    private static string Escape(byte[] bytes) => Encoding.UTF8.GetString(bytes).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

/// <summary>The root cases: Web catalogue types, and profile types whose settings change how a collection is written or read.</summary>
internal static class RootCatalogue
{
    private static readonly Dictionary<string, RootCase> Cases = new RootCase[]
    {
        new RootCase<Address>(Generators.Address, () => JsonSerializerOptions.Web, 100),
        new RootCase<Point>(Generators.Point, () => JsonSerializerOptions.Web, 100),
        new RootCase<PointRecord>(Generators.PointRecord, () => JsonSerializerOptions.Web, 100),
        new RootCase<Person>(Generators.Person, () => JsonSerializerOptions.Web, 15),
        new RootCase<TreeNode>(Generators.TreeNode, () => JsonSerializerOptions.Web, 25),
        new RootCase<Collections>(Generators.Collections, () => JsonSerializerOptions.Web, 25),
        Profile<CamelChild>(o => o.DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseLower),
        Profile<SnakeUpperChild>(o => { o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseUpper; o.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase; }),
        Profile<KebabLowerChild>(o => { o.PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower; o.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseUpper; }),
        Profile<StringEnumsChild>(o => o.Converters.Add(new JsonStringEnumConverter())),
        Profile<IndentedChild>(o => o.WriteIndented = true),
        Profile<TabIndentedChild>(o => { o.WriteIndented = true; o.IndentCharacter = '\t'; o.IndentSize = 1; }),
        Profile<FlatIndentedChild>(o => { o.WriteIndented = true; o.IndentSize = 0; }),
        Profile<WideIndentedChild>(o => { o.WriteIndented = true; o.IndentSize = 7; o.NewLine = "\n"; }),
        Profile<CrLfIndentedChild>(o => { o.WriteIndented = true; o.NewLine = "\r\n"; }),
        Profile<TrailingCommasChild>(o => o.AllowTrailingCommas = true),
        Profile<CommentsChild>(o => o.ReadCommentHandling = JsonCommentHandling.Skip),
        Profile<ShallowChild>(o => o.MaxDepth = 6),
        ProfileRoot<ShallowRoot, ShallowChild>(o => o.MaxDepth = 6),
        ProfileRoot<IndentedTypicalRoot, IndentedTypicalChild>(o =>
        {
            o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.Converters.Add(new JsonStringEnumConverter());
            o.WriteIndented = true;
            o.IndentCharacter = '\t';
            o.IndentSize = 2;
            o.NewLine = "\r\n";
        }),
    }.ToDictionary(c => c.Name);

    public static IEnumerable<string> Names => Cases.Keys;

    public static RootCase Get(string name) => Cases[name];

    private static RootCase<T> Profile<T>(Action<JsonSerializerOptions> configure)
        where T : ProfileChild, IVelithonJson<T>, new() =>
        new(ProfileGenerators.Child<T>(nonFinite: false), Web(configure), 60);

    private static RootCase<TRoot> ProfileRoot<TRoot, TChild>(Action<JsonSerializerOptions> configure)
        where TRoot : ProfileRoot<TChild>, IVelithonJson<TRoot>, new()
        where TChild : ProfileChild, IVelithonJson<TChild>, new() =>
        new(ProfileGenerators.Root<TRoot, TChild>(nonFinite: false), Web(configure), 15);

    private static Func<JsonSerializerOptions> Web(Action<JsonSerializerOptions> configure) => () =>
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        configure(options);
        return options;
    };
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>One catalogue type with its generator; every oracle property, generic over the type.</summary>
internal abstract class VelithonCase
{
    public abstract string Name { get; }

    public abstract void SerializeMatchesStj();

    public abstract void DeserializeMatchesStjAndRoundTrips();

    public abstract void ConverterBridgeMatchesStj();

    public abstract void ReadsVariation(string variation);

    public abstract void SurvivesMutations(ConcurrentDictionary<int, string> inFlight);

    /// <summary>Gets how many mutated documents <see cref="SurvivesMutations"/> checks (docs/json.md states the sum).</summary>
    public abstract int MutatedDocuments { get; }

    /// <summary>Velithon and STJ reject <paramref name="json"/> with the same message, path, line and position.</summary>
    public abstract void FailsLikeStj(byte[] json);

    /// <summary>Velithon reads <paramref name="json"/> exactly when STJ Web does, to an equal value.</summary>
    public abstract void ReadsLikeStj(byte[] json);
}

internal sealed class VelithonCase<T>(Gen<T> gen, int iterations) : VelithonCase
    where T : IVelithonJson<T>
{
    private static readonly JsonSerializerOptions Bridge = new(JsonSerializerOptions.Web) { Converters = { new VelithonJsonConverterFactory() } };
    private static readonly JsonSerializerOptions BridgeDirect = new(JsonSerializerOptions.Web) { Converters = { new VelithonJsonConverter<T>() } };

    public override string Name => typeof(T).Name;

    private Gen<(T Value, int Seed)> WithSeed => Gen.Select(gen, Gen.Int);

    public override void SerializeMatchesStj() => gen.Run(value =>
    {
        byte[] expected = Oracle.Serialize(value);
        AssertSameBytes(expected, VelithonJson.SerializeToUtf8Bytes(value), "SerializeToUtf8Bytes");

        var buffer = new ArrayBufferWriter<byte>(1);
        VelithonJson.Serialize(value, buffer);
        AssertSameBytes(expected, buffer.WrittenSpan.ToArray(), "Serialize(IBufferWriter)");

        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(value, stingy);
        AssertSameBytes(expected, stingy.WrittenBytes, "Serialize(stingy IBufferWriter)");
    }, iterations);

    public override void DeserializeMatchesStjAndRoundTrips() => WithSeed.Run(t =>
    {
        byte[] json = Oracle.Serialize(t.Value);
        T? stj = Oracle.Deserialize<T>(json);
        T? velithon = VelithonJson.Deserialize<T>(json);
        AssertDeepEqual(stj, velithon, "Deserialize(span) vs STJ", json);
        AssertSameThroughJson(t.Value, velithon, "round trip", json);

        ReadOnlySequence<byte> sequence = TestInputs.Split(json, new Random(t.Seed));
        AssertDeepEqual(stj, VelithonJson.Deserialize<T>(sequence), "Deserialize(multi-segment sequence) vs STJ", json);

        // What Velithon writes, Velithon and STJ both read back to the original.
        byte[] own = VelithonJson.SerializeToUtf8Bytes(t.Value);
        AssertSameThroughJson(t.Value, VelithonJson.Deserialize<T>(own), "Velithon round trip", own);
    }, iterations, print: t => Oracle.Show(t.Value));

    public override void ConverterBridgeMatchesStj() => gen.Run(value =>
    {
        byte[] expected = Oracle.Serialize(value);
        AssertSameBytes(expected, JsonSerializer.SerializeToUtf8Bytes(value, Bridge), "STJ + VelithonJsonConverterFactory");
        AssertSameBytes(expected, JsonSerializer.SerializeToUtf8Bytes(value, BridgeDirect), "STJ + VelithonJsonConverter<T>");
        AssertSameThroughJson(value, JsonSerializer.Deserialize<T>(expected, Bridge), "STJ + factory read", expected);

        // Inside an STJ-serialized type, as an object member and as list elements.
        var wrapper = new BridgeWrapper<T> { Before = 1, Value = value, Items = [value, value], After = "z" };
        byte[] wrapped;
        try
        {
            wrapped = JsonSerializer.SerializeToUtf8Bytes(wrapper, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            // Too deep once wrapped (STJ counts the wrapper's levels; the bridge writes the value as one raw value).
            return;
        }

        AssertSameBytes(wrapped, JsonSerializer.SerializeToUtf8Bytes(wrapper, Bridge), "wrapped in an STJ type");
        AssertDeepEqual(JsonSerializer.Deserialize<BridgeWrapper<T>>(wrapped, JsonSerializerOptions.Web), JsonSerializer.Deserialize<BridgeWrapper<T>>(wrapped, Bridge), "wrapped read", wrapped);
    }, Math.Max(50, iterations / 3));

    public override void ReadsVariation(string variation) => Gen.Select(gen, gen, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item3);
        byte[] json = Oracle.Serialize(t.Item1);
        byte[]? varied = variation switch
        {
            "numbers-as-strings" => JsonRewriter.NumbersAsStrings(json),
            "case-insensitive" => JsonRewriter.FlipCase(json, random),
            "unknown-members" => JsonRewriter.InsertUnknownMembers(json, random),
            "duplicates-last-wins" => JsonRewriter.Concatenate(json, Oracle.Serialize(t.Item2)),
            "indented" => JsonSerializer.SerializeToUtf8Bytes(t.Item1, Oracle.WebIndented),
            _ => throw new ArgumentOutOfRangeException(nameof(variation)),
        };
        if (varied is not null)
        {
            AssertSameOutcome(varied, variation, new Random(t.Item3));
        }
    }, Math.Max(50, iterations / 3), print: t => Oracle.Show(t.Item1));

    private const int MutationsPerValue = 4;

    private int MutatedValues => Math.Max(50, iterations / 2);

    public override int MutatedDocuments => MutatedValues * MutationsPerValue;

    public override void SurvivesMutations(ConcurrentDictionary<int, string> inFlight)
    {
        int checkedDocuments = 0;
        WithSeed.Run(t =>
        {
            var random = new Random(t.Seed);
            byte[] json = Oracle.Serialize(t.Value);
            for (int i = 0; i < MutationsPerValue; i++)
            {
                byte[] mutated = Mutator.Mutate(json, random);
                inFlight[Environment.CurrentManagedThreadId] = Escape(mutated);
                AssertSameOutcome(mutated, "mutation", random);
                Interlocked.Increment(ref checkedDocuments);
            }

            inFlight.TryRemove(Environment.CurrentManagedThreadId, out _);
        }, MutatedValues, print: t => Oracle.Show(t.Value));
        Assert.Equal(MutatedDocuments, checkedDocuments);
    }

    public override void FailsLikeStj(byte[] json)
    {
        Exception stj = Assert.ThrowsAny<Exception>(() => Oracle.Deserialize<T>(json));
        JsonException velithon = Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<T>(json));
        var sequenceError = Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<T>(TestInputs.Split(json, new Random(7))));
        var expected = stj as JsonException ?? throw new InvalidOperationException($"STJ threw {stj.GetType()}, not a JsonException", stj);
        Assert.Multiple(
            () => Assert.Equal(expected.Message, velithon.Message),
            () => Assert.Equal(expected.Path, velithon.Path),
            () => Assert.Equal(expected.LineNumber, velithon.LineNumber),
            () => Assert.Equal(expected.BytePositionInLine, velithon.BytePositionInLine),
            () => Assert.Equal(velithon.Message, sequenceError.Message));
    }

    public override void ReadsLikeStj(byte[] json) => AssertSameOutcome(json, "edge input", new Random(11));

    /// <summary>Velithon reads <paramref name="json"/> exactly when STJ Web does, to an equal value; otherwise throws JsonException only.</summary>
    private static void AssertSameOutcome(byte[] json, string what, Random random)
    {
        T? expected = default;
        Exception? stjError = null;
        try
        {
            expected = Oracle.Deserialize<T>(json);
        }
        catch (Exception ex)
        {
            stjError = ex;
        }

        (T? actual, Exception? error) = Try(() => VelithonJson.Deserialize<T>(json));
        (T? fromSequence, Exception? sequenceError) = Try(() => VelithonJson.Deserialize<T>(TestInputs.Split(json, random)));
        foreach (Exception? e in new[] { error, sequenceError })
        {
            if (e is not null and not JsonException)
            {
                Assert.Fail($"{what}: Velithon threw {e.GetType().Name}, not JsonException: {e}\nInput: {Escape(json)}");
            }
        }

        if (stjError is null)
        {
            Assert.True(error is null, $"{what}: STJ reads it, Velithon threw {error?.Message}\nInput: {Escape(json)}");
            Assert.True(sequenceError is null, $"{what}: STJ reads it, Velithon (sequence) threw {sequenceError?.Message}\nInput: {Escape(json)}");
            AssertDeepEqual(expected, actual, what + " vs STJ", json);
            AssertDeepEqual(expected, fromSequence, what + " (sequence) vs STJ", json);
        }
        else
        {
            Assert.True(error is not null, $"{what}: STJ rejects it ({stjError.GetType().Name}: {stjError.Message}), Velithon returned {Oracle.Show(actual)}\nInput: {Escape(json)}");
            Assert.True(sequenceError is not null, $"{what}: STJ rejects it ({stjError.Message}), Velithon (sequence) returned a value\nInput: {Escape(json)}");
        }
    }

    private static (T? Value, Exception? Error) Try(Func<T?> read)
    {
        try
        {
            return (read(), null);
        }
#pragma warning disable CA1031 // any exception is a result to classify here
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (default, ex);
        }
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual, string what)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail($"{what}: output differs from STJ Web.\nExpected: {Encoding.UTF8.GetString(expected)}\nActual:   {Escape(actual)}");
        }
    }

    private static void AssertSameThroughJson(object? original, object? readBack, string what, byte[] json)
    {
        string? diff = DeepEqual.DiffThroughJson(original, readBack);
        if (diff is not null)
        {
            Assert.Fail($"{what}: {diff}\nInput: {Escape(json)}");
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

    private static string Escape(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            sb.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return sb.ToString();
    }
}

/// <summary>A plain STJ type holding Velithon types, for the converter bridge.</summary>
public sealed class BridgeWrapper<T>
{
    public int Before { get; set; }

    public T? Value { get; set; }

    public List<T>? Items { get; set; }

    public string? After { get; set; }
}

/// <summary>The catalogue as Velithon cases, by type name (xunit theories take names).</summary>
internal static class VelithonCatalogue
{
    private static readonly Dictionary<string, VelithonCase> Cases = new VelithonCase[]
    {
        new VelithonCase<Scalars>(Generators.Scalars, 1000),
        new VelithonCase<Nullables>(Generators.Nullables, 1000),
        new VelithonCase<Enums>(Generators.Enums, 1000),
        new VelithonCase<Address>(Generators.Address, 2000),
        new VelithonCase<Collections>(Generators.Collections, 300),
        new VelithonCase<Person>(Generators.Person, 200),
        new VelithonCase<Point>(Generators.Point, 1000),
        new VelithonCase<PointRecord>(Generators.PointRecord, 1000),
        new VelithonCase<ReadOnlyPoint>(Generators.ReadOnlyPoint, 1000),
        new VelithonCase<TreeNode>(Generators.TreeNode, 300),
        new VelithonCase<LinkedNode>(Generators.LinkedNode, 300),
        new VelithonCase<PersonRecord>(Generators.PersonRecord, 600),
        new VelithonCase<Account>(Generators.Account, 1000),
        new VelithonCase<Annotated>(Generators.Annotated, 1000),
        new VelithonCase<WithConstructor>(Generators.WithConstructor, 1000),
        new VelithonCase<TaggedList>(Generators.TaggedList, 500),
        new VelithonCase<AllocationFree>(Generators.AllocationFree, 500),
        new VelithonCase<PrivateMembers>(Generators.PrivateMembers, 1000),
        new VelithonCase<FastPoco>(Generators.FastPoco, 300),
        new VelithonCase<FastScalars>(Generators.FastScalars, 1000),
    }.ToDictionary(c => c.Name);

    public static IEnumerable<string> Names => Cases.Keys;

    public static VelithonCase Get(string name) => Cases[name];

    /// <summary>Gets the mutated documents a run of MalformedInputTests checks, over all types.</summary>
    public static int MutatedDocumentsPerRun => Cases.Values.Sum(c => c.MutatedDocuments);
}

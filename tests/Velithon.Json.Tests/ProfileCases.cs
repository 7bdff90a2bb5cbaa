using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Profiles;

namespace Velithon.Json.Tests;

/// <summary>
/// One type compiled with non-default settings, and the <see cref="JsonSerializerOptions"/> those settings describe:
/// every property compares the generated code with System.Text.Json (reflection) run with those options.
/// </summary>
internal abstract class ProfileCase
{
    public abstract string Name { get; }

    /// <summary>Writes byte-identically to STJ with the profile's options, through every entry point.</summary>
    public abstract void SerializeMatchesStj();

    /// <summary>Reads STJ's output, and each variant of it, exactly as STJ with the profile's options does (value, or the same error).</summary>
    public abstract void ReadsLikeStj(string variant);

    /// <summary>A host configured like the type is served by the generated code (resolver and converter), with STJ's bytes.</summary>
    public abstract void HostWithTheSameOptionsRunsTheGeneratedCode();

    /// <summary>A host with the Web defaults: the resolver leaves the type to STJ, the converter refuses (unless the profile is Web).</summary>
    public abstract void WebHostFallsBackOrThrows();

    /// <summary>The generated fast path takes most documents STJ writes (when the type has only fast-path member types).</summary>
    public abstract void FastPathTakesStjOutput();
}

/// <param name="typeNumberHandling">
/// The type has [JsonNumberHandling]: System.Text.Json then refuses any custom converter for it when it builds the
/// contract (InvalidOperationException, before the converter runs), VelithonJsonConverter&lt;T&gt; included; the resolver
/// serves it (as value metadata, which takes no type attribute).
/// </param>
internal sealed class ProfileCase<T>(Gen<T> gen, Func<JsonSerializerOptions> options, int iterations, bool fastOnly = false, bool isWeb = false, bool typeNumberHandling = false) : ProfileCase
    where T : IVelithonJson<T>
{
    private readonly JsonSerializerOptions _stj = WithResolver(options(), new DefaultJsonTypeInfoResolver());

    // STJ's reflection resolver refuses a custom converter (VelithonJsonConverter<T> in Converters) for a type with its
    // own [JsonUnmappedMemberHandling] (InvalidOperationException: no object members to apply it to) and for one with a
    // type-level [JsonNumberHandling] (its attribute check runs on the converter's empty member list); the resolver serves both.
    private static readonly bool OwnUnmappedHandling = typeof(T).IsDefined(typeof(JsonUnmappedMemberHandlingAttribute), inherit: false);

    private readonly Lazy<(JsonSerializerOptions Resolved, JsonSerializerOptions Converted)> _hosts = new(() =>
    {
        JsonSerializerOptions resolved = WithResolver(options(), JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()));
        JsonSerializerOptions converted = WithResolver(options(), new DefaultJsonTypeInfoResolver());
        converted.Converters.Insert(0, new VelithonJsonConverter<T>());
        return (resolved, converted);
    });

    // The same options, with every read-only member written: documents with what constructor parameters bind to.
    private readonly JsonSerializerOptions _everyMember = WithResolver(new JsonSerializerOptions(options()) { IgnoreReadOnlyProperties = false, IgnoreReadOnlyFields = false }, new DefaultJsonTypeInfoResolver());

    public override string Name => typeof(T).Name;

    public override void SerializeMatchesStj() => gen.Sample(value =>
    {
        byte[] expected = JsonSerializer.SerializeToUtf8Bytes(value, _stj);
        AssertSameBytes(expected, VelithonJson.SerializeToUtf8Bytes(value), "SerializeToUtf8Bytes");

        var buffer = new ArrayBufferWriter<byte>(1);
        VelithonJson.Serialize(value, buffer);
        AssertSameBytes(expected, buffer.WrittenSpan.ToArray(), "Serialize(IBufferWriter)");

        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(value, stingy);
        AssertSameBytes(expected, stingy.WrittenBytes, "Serialize(stingy IBufferWriter)");
    }, iter: iterations, print: Show);

    public override void ReadsLikeStj(string variant) => Gen.Select(gen, gen, Gen.Int).Sample(t =>
    {
        var random = new Random(t.Item3);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(t.Item1, _stj);
        byte[]? varied = variant switch
        {
            "as-written" => json,
            "recased" => JsonRewriter.FlipCase(json, random),
            "unknown-members" => JsonRewriter.InsertUnknownMembers(json, random),
            "quoted-numbers" => JsonRewriter.NumbersAsStrings(json),
            "duplicates" => JsonRewriter.Concatenate(json, JsonSerializer.SerializeToUtf8Bytes(t.Item2, _stj)),
            "reordered" => JsonVariants.Rewrite(json, random, reorder: true, trailingCommas: false, comments: false),
            "trailing-commas" => JsonVariants.Rewrite(json, random, reorder: false, trailingCommas: true, comments: false),
            "comments" => JsonVariants.Rewrite(json, random, reorder: false, trailingCommas: false, comments: true),
            "comments-anywhere" => JsonVariants.Rewrite(json, random, new JsonVariants.Edits { CommentsAnywhere = true, TrailingCommas = random.Next(2) == 0 }),
            "bad-commas" => JsonVariants.Rewrite(json, random, new JsonVariants.Edits { TrailingCommas = true, BadCommas = true }),
            "extra-members" => JsonVariants.Rewrite(json, random, new JsonVariants.Edits { ExtraMembers = true, Reorder = true }),
            "all-members" => JsonSerializer.SerializeToUtf8Bytes(t.Item1, _everyMember),
            "dropped-members" => JsonVariants.Mutate(JsonSerializer.SerializeToUtf8Bytes(t.Item1, _everyMember), random, drop: true, nulls: false),
            "nulls" => JsonVariants.Mutate(JsonSerializer.SerializeToUtf8Bytes(t.Item1, _everyMember), random, drop: false, nulls: true),
            "mutated" => Mutator.Mutate(json, random),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        if (varied is not null)
        {
            AssertSameOutcome(varied, variant, random);
        }
    }, iter: Math.Max(100, iterations / 2), print: t => Show(t.Item1));

    public override void HostWithTheSameOptionsRunsTheGeneratedCode()
    {
        JsonSerializerOptions resolved = WithResolver(options(), JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()));
        JsonSerializerOptions converted = WithResolver(options(), new DefaultJsonTypeInfoResolver());
        converted.Converters.Insert(0, new VelithonJsonConverter<T>());

        Assert.Null(VelithonJsonContract.Of<T>().FindMismatch(_stj));
        Assert.IsType<VelithonJsonConverter<T>>(resolved.GetTypeInfo(typeof(T)).Converter);
        gen.Sample(value =>
        {
            byte[] expected = JsonSerializer.SerializeToUtf8Bytes(value, _stj);
            AssertSameBytes(expected, JsonSerializer.SerializeToUtf8Bytes(value, resolved), "STJ + VelithonJsonTypeInfoResolver");
            if (ConverterRefused)
            {
                AssertConverterRefused(() => JsonSerializer.SerializeToUtf8Bytes(value, converted));
            }
            else
            {
                AssertSameBytes(expected, JsonSerializer.SerializeToUtf8Bytes(value, converted), "STJ + VelithonJsonConverter<T>");
            }

            var list = new List<T> { value, value };
            // A list is one level deeper: with a small MaxDepth STJ may refuse it, and so must the resolver.
            (byte[]? listExpected, Exception? listError) = TryBytes(() => JsonSerializer.SerializeToUtf8Bytes(list, _stj));
            (byte[]? listActual, Exception? listActualError) = TryBytes(() => JsonSerializer.SerializeToUtf8Bytes(list, resolved));
            if (listError is null)
            {
                Assert.True(listActualError is null, $"a List<T> through the resolver: STJ writes it, the resolver threw {listActualError}");
                AssertSameBytes(listExpected!, listActual!, "a List<T> through the resolver");
            }
            else
            {
                Assert.True(listError is JsonException && listActualError is JsonException, $"a List<T>: STJ threw {listError}, the resolver {listActualError?.ToString() ?? "wrote it"}");
            }

            // Read back as STJ reads it with those options (which may reject its own output: WriteAsString alone).
            (T? stj, Exception? stjError) = Try(() => JsonSerializer.Deserialize<T>(expected, _stj));
            foreach ((string what, JsonSerializerOptions host) in ConverterRefused ? new[] { ("resolver", resolved) } : new[] { ("resolver", resolved), ("converter", converted) })
            {
                (T? actual, Exception? error) = Try(() => JsonSerializer.Deserialize<T>(expected, host));
                if (stjError is null)
                {
                    Assert.True(error is null, $"{what}: STJ reads it, the host threw {error}\nInput: {Encoding.UTF8.GetString(expected)}");
                    string? diff = DeepEqual.Diff(stj, actual);
                    Assert.True(diff is null, what + ": " + diff + "\nInput: " + Encoding.UTF8.GetString(expected));
                }
                else
                {
                    Assert.True(error is JsonException, $"{what}: STJ rejects it ({stjError.Message}), the host: {error?.ToString() ?? "read a value"}");
                }
            }
        }, iter: Math.Max(100, iterations / 3), print: Show);
    }

    public override void WebHostFallsBackOrThrows()
    {
        JsonSerializerOptions web = WithResolver(new JsonSerializerOptions(JsonSerializerDefaults.Web), JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()));
        if (isWeb)
        {
            Assert.Null(VelithonJsonContract.Of<T>().FindMismatch(web));
            return;
        }

        Assert.NotNull(VelithonJsonContract.Of<T>().FindMismatch(web));
        Assert.IsNotType<VelithonJsonConverter<T>>(web.GetTypeInfo(typeof(T)).Converter);
        JsonSerializerOptions stjWeb = WithResolver(new JsonSerializerOptions(JsonSerializerDefaults.Web), new DefaultJsonTypeInfoResolver());
        JsonSerializerOptions converted = WithResolver(new JsonSerializerOptions(JsonSerializerDefaults.Web), new DefaultJsonTypeInfoResolver());
        converted.Converters.Add(new VelithonJsonConverter<T>());
        gen.Sample(value =>
        {
            // STJ Web may refuse the value (NaN without named literals): the fallback refuses it the same way.
            (byte[]? expected, Exception? stjError) = TryBytes(() => JsonSerializer.SerializeToUtf8Bytes(value, stjWeb));
            (byte[]? actual, Exception? error) = TryBytes(() => JsonSerializer.SerializeToUtf8Bytes(value, web));
            Assert.Equal(stjError?.GetType(), error?.GetType());
            if (expected is not null)
            {
                AssertSameBytes(expected, actual!, "Web host, resolver fallback");
            }

            if (ConverterRefused)
            {
                AssertConverterRefused(() => JsonSerializer.SerializeToUtf8Bytes(value, converted));
            }
            else
            {
                Assert.Throws<NotSupportedException>(() => JsonSerializer.SerializeToUtf8Bytes(value, converted));
            }
        }, iter: 20, print: Show);
    }

    private bool ConverterRefused => OwnUnmappedHandling || typeNumberHandling;

    private void AssertConverterRefused(Action write)
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(write);
        if (typeNumberHandling)
        {
            Assert.Equal(
                $"'JsonNumberHandlingAttribute' is only valid on a number or a collection of numbers when applied to a property or field. See member '' on type '{typeof(T)}'.",
                error.Message);
        }
    }

    public override void FastPathTakesStjOutput()
    {
        int accepted = 0;
        int total = 0;
        gen.Sample(value =>
        {
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(value, _stj);
            var reader = new JsonFastReader(json, 64);
            Interlocked.Increment(ref total);
            if (T.TryReadJsonFast(ref reader, VelithonJsonOptions.Default, out T? fast) && reader.AtEnd())
            {
                Interlocked.Increment(ref accepted);
                string? diff = DeepEqual.Diff(JsonSerializer.Deserialize<T>(json, _stj), fast);
                Assert.True(diff is null, diff + "\nInput: " + Encoding.UTF8.GetString(json));
            }
        }, iter: Math.Max(200, iterations / 2), print: Show);

        if (fastOnly)
        {
            // Lone surrogates in strings (written as \uFFFD escapes) and escaped names go to the full reader.
            Assert.True(accepted * 2 > total, $"the fast path took only {accepted} of {total} documents");
        }
    }

    /// <summary>Velithon reads <paramref name="json"/> exactly when STJ does, to an equal value, or fails with STJ's error.</summary>
    private void AssertSameOutcome(byte[] json, string what, Random random)
    {
        (T? expected, Exception? stjError) = Try(() => JsonSerializer.Deserialize<T>(json, _stj));
        (T? actual, Exception? error) = Try(() => VelithonJson.Deserialize<T>(json));
        ReadOnlySequence<byte> sequence = TestInputs.Split(json, random);
        (T? fromSequence, Exception? sequenceError) = Try(() => VelithonJson.Deserialize<T>(sequence));
        string input = "\nInput: " + Encoding.UTF8.GetString(json);

        // Through a host with the same options (the generated code runs, reading from STJ's reader with the host's
        // reader settings): the same value, or a JsonException (STJ's wrapping of the inner error, by design).
        foreach ((string host, Func<T?> read) in new (string, Func<T?>)[]
        {
            ("resolver", () => JsonSerializer.Deserialize<T>(json, _hosts.Value.Resolved)),
            ("converter", () => JsonSerializer.Deserialize<T>(json, _hosts.Value.Converted)),
            ("converter, stream", () => JsonSerializer.Deserialize<T>(new MemoryStream(json), _hosts.Value.Converted)),
        })
        {
            if (ConverterRefused && host.StartsWith("converter", StringComparison.Ordinal))
            {
                continue;
            }

            (T? fromHost, Exception? hostError) = Try(read);
            if (stjError is null)
            {
                Assert.True(hostError is null, $"{what}: STJ reads it, the host ({host}) threw {hostError}{input}");
                string? hostDiff = DeepEqual.Diff(expected, fromHost);
                Assert.True(hostDiff is null, $"{what}, {host}: {hostDiff}{input}");
            }
            else
            {
                Assert.True(hostError is JsonException, $"{what}: STJ rejects it ({stjError.Message}), the host ({host}): {hostError?.ToString() ?? "read a value"}{input}");
            }
        }
        if (stjError is null)
        {
            Assert.True(error is null, $"{what}: STJ reads it, Velithon threw {error}{input}");
            Assert.True(sequenceError is null, $"{what}: STJ reads it, Velithon (sequence) threw {sequenceError}{input}");
            string? diff = DeepEqual.Diff(expected, actual) ?? DeepEqual.Diff(expected, fromSequence);
            Assert.True(diff is null, $"{what}: {diff}{input}");
            // A value STJ reads may not write back (RespectNullableAnnotations: a null read into a member that refuses
            // null only when written); then both values are refused the same way.
            (byte[]? again, Exception? againError) = TryBytes(() => JsonSerializer.SerializeToUtf8Bytes(expected, _stj));
            (byte[]? actualAgain, Exception? actualAgainError) = TryBytes(() => JsonSerializer.SerializeToUtf8Bytes(actual, _stj));
            if (againError is null)
            {
                AssertSameBytes(again!, actualAgain!, what + ", re-serialized");
            }
            else
            {
                Assert.Equal(againError.Message, actualAgainError?.Message);
            }
            return;
        }

        JsonException stj = Assert.IsAssignableFrom<JsonException>(stjError);
        foreach (Exception? e in new[] { error, sequenceError })
        {
            Assert.True(e is JsonException, $"{what}: STJ rejects it ({stj.Message}), Velithon: {e?.ToString() ?? "read a value"}{input}");
        }

        var velithon = (JsonException)error!;
        Assert.True(
            stj.Message == velithon.Message && stj.Path == velithon.Path && stj.LineNumber == velithon.LineNumber && stj.BytePositionInLine == velithon.BytePositionInLine,
            $"{what}: errors differ.\nSTJ:      {stj.Message} [{stj.Path}]\nVelithon: {velithon.Message} [{velithon.Path}]{input}");
        // Split into segments, the same bytes fail the same way (STJ reads one contiguous buffer; Utf8JsonReader alone
        // words some errors otherwise over several segments, which the sequence reader corrects).
        var fromSegments = (JsonException)sequenceError!;
        Assert.True(
            fromSegments.Message == velithon.Message && fromSegments.Path == velithon.Path && fromSegments.LineNumber == velithon.LineNumber && fromSegments.BytePositionInLine == velithon.BytePositionInLine,
            $"{what}: sequence errors differ.\nSTJ:      {stj.Message} [{stj.Path}]\nVelithon: {fromSegments.Message} [{fromSegments.Path}]{input}");
    }

    private static (byte[]? Value, Exception? Error) TryBytes(Func<byte[]> write)
    {
        try
        {
            return (write(), null);
        }
#pragma warning disable CA1031 // any exception is a result to classify here
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (null, ex);
        }
    }

    private static JsonSerializerOptions WithResolver(JsonSerializerOptions options, IJsonTypeInfoResolver resolver)
    {
        options.TypeInfoResolver = resolver;
        return options;
    }

    private string Show(T value)
    {
        try
        {
            return JsonSerializer.Serialize(value, _stj);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return $"<{ex.GetType().Name}: {ex.Message}>";
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
            Assert.Fail($"{what}: output differs from STJ.\nExpected: {Encoding.UTF8.GetString(expected)}\nActual:   {Encoding.UTF8.GetString(actual)}");
        }
    }
}

/// <summary>Rewrites a JSON document: members in random order, trailing commas, comments between tokens.</summary>
internal static class JsonVariants
{
    /// <summary>
    /// Leaves out random members (<paramref name="drop"/>) or replaces random values with null (<paramref name="nulls"/>),
    /// at every level (duplicate names, which dictionary keys may have after a naming policy, are kept).
    /// </summary>
    public static byte[] Mutate(byte[] json, Random random, bool drop, bool nulls)
    {
        using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1000 });
        var text = new StringBuilder(json.Length * 2);
        Mutate(document.RootElement, text, random, drop, nulls);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Mutate(JsonElement element, StringBuilder text, Random random, bool drop, bool nulls)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    text.Append('{');
                    bool first = true;
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        if (drop && random.Next(4) == 0)
                        {
                            continue;
                        }

                        text.Append(first ? "" : ",").Append(JsonSerializer.Serialize(property.Name)).Append(':');
                        first = false;
                        if (nulls && random.Next(6) == 0)
                        {
                            text.Append("null");
                        }
                        else
                        {
                            Mutate(property.Value, text, random, drop, nulls);
                        }
                    }

                    text.Append('}');
                    break;
                }

            case JsonValueKind.Array:
                {
                    text.Append('[');
                    bool first = true;
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        text.Append(first ? "" : ",");
                        first = false;
                        if (nulls && random.Next(8) == 0)
                        {
                            text.Append("null");
                        }
                        else
                        {
                            Mutate(item, text, random, drop, nulls);
                        }
                    }

                    text.Append(']');
                    break;
                }

            default:
                text.Append(element.GetRawText());
                break;
        }
    }


    // Names System.Text.Json maps to members that are not read ([JsonIgnore]d, read-only: under each naming policy and
    // recased), metadata names, names escaped or with path characters, and plain unknown ones.
    private static readonly string[] ExtraNames =
    [
        "\"ignored\"", "\"Ignored\"", "\"IGNORED\"", "\"ign\\u006fred\"", "\"readOnlyValue\"", "\"ReadOnlyValue\"", "\"read_only_value\"",
        "\"READ-ONLY-VALUE\"", "\"$id\"", "\"$ref\"", "\"$type\"", "\"$values\"", "\"zz.unknown\"", "\"zz\\u00e9\"", "\"\"", "\"childName\"",
    ];

    private static readonly string[] ExtraValues = ["1", "\"1\"", "null", "{}", "[]", "{\"$ref\":\"1\"}", "[1,{\"a\":[]}]", "true"];

    public static byte[] Rewrite(byte[] json, Random random, bool reorder, bool trailingCommas, bool comments) =>
        Rewrite(json, random, new Edits { Reorder = reorder, TrailingCommas = trailingCommas, Comments = comments });

    public static byte[] Rewrite(byte[] json, Random random, Edits edits)
    {
        using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1000 });
        var text = new StringBuilder(json.Length * 2);
        Comment(text, random, edits.CommentsAnywhere);
        Write(document.RootElement, text, random, edits);
        Comment(text, random, edits.CommentsAnywhere);
        if (edits.CommentsAnywhere && random.Next(30) == 0)
        {
            text.Append("/* unterminated");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Write(JsonElement element, StringBuilder text, Random random, Edits edits)
    {
        bool comments = edits.Comments || edits.CommentsAnywhere;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    List<JsonProperty> properties = [.. element.EnumerateObject()];
                    if (edits.Reorder)
                    {
                        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(properties));
                    }

                    if (edits.Duplicates && properties.Count != 0 && random.Next(2) == 0)
                    {
                        properties.Insert(random.Next(properties.Count + 1), properties[random.Next(properties.Count)]);
                    }

                    text.Append('{');
                    BadComma(text, random, edits);
                    for (int i = 0; i <= properties.Count; i++)
                    {
                        if (edits.ExtraMembers && random.Next(3) == 0)
                        {
                            // Before member i, or after the last one (the comma then goes before it).
                            text.Append(i == properties.Count && properties.Count != 0 ? "," : string.Empty);
                            Comment(text, random, comments);
                            text.Append(ExtraNames[random.Next(ExtraNames.Length)]).Append(':').Append(ExtraValues[random.Next(ExtraValues.Length)]);
                            text.Append(i < properties.Count ? "," : string.Empty);
                        }

                        if (i == properties.Count)
                        {
                            break;
                        }

                        Comment(text, random, comments);
                        text.Append(JsonSerializer.Serialize(properties[i].Name));
                        if (edits.CommentsAnywhere && random.Next(40) == 0)
                        {
                            text.Append("/* before the colon */");
                        }

                        text.Append(':');
                        Comment(text, random, comments);
                        Write(properties[i].Value, text, random, edits);
                        if (i < properties.Count - 1 || (edits.TrailingCommas && random.Next(2) == 0))
                        {
                            text.Append(',');
                            BadComma(text, random, edits);
                        }
                    }

                    Comment(text, random, comments);
                    text.Append('}');
                    break;
                }

            case JsonValueKind.Array:
                {
                    text.Append('[');
                    BadComma(text, random, edits);
                    int count = element.GetArrayLength();
                    int i = 0;
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        Comment(text, random, comments);
                        Write(item, text, random, edits);
                        if (++i < count || (edits.TrailingCommas && random.Next(2) == 0))
                        {
                            text.Append(',');
                            BadComma(text, random, edits);
                        }
                    }

                    Comment(text, random, comments);
                    text.Append(']');
                    break;
                }

            default:
                text.Append(element.GetRawText());
                break;
        }
    }

    // A comma where none may be, even with trailing commas allowed: "[,", "{,", ",,".
    private static void BadComma(StringBuilder text, Random random, Edits edits)
    {
        if (edits.BadCommas && random.Next(25) == 0)
        {
            text.Append(random.Next(2) == 0 ? "," : " ,");
        }
    }

    private static void Comment(StringBuilder text, Random random, bool comments)
    {
        if (comments && random.Next(4) == 0)
        {
            text.Append(random.Next(3) switch { 0 => "/* note */", 1 => "// note\n", _ => "/**/\n" });
        }
    }

    /// <summary>What <see cref="Rewrite(byte[], Random, Edits)"/> changes.</summary>
    internal readonly record struct Edits
    {
        public bool Reorder { get; init; }

        public bool TrailingCommas { get; init; }

        public bool Comments { get; init; }

        /// <summary>Comments also before and after the value, before a colon (an error even when skipped) and unterminated at the end.</summary>
        public bool CommentsAnywhere { get; init; }

        /// <summary>Commas no setting allows: after '[' or '{', and doubled.</summary>
        public bool BadCommas { get; init; }

        /// <summary>Members of ignored and read-only names, metadata names and unknown names, anywhere in objects.</summary>
        public bool ExtraMembers { get; init; }

        /// <summary>A member written twice (at any level), so a reader sees its name again.</summary>
        public bool Duplicates { get; init; }
    }
}

/// <summary>The profiles: model types compiled with settings other than the Web defaults, and STJ options to match.</summary>
internal static class ProfileCatalogue
{
    private static readonly Dictionary<string, ProfileCase> Cases = new ProfileCase[][]
    {
        Pair<CamelRoot, CamelChild>(() => Web(o => o.DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseLower)),
        Pair<SnakeLowerRoot, SnakeLowerChild>(() => Web(o => { o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower; o.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower; })),
        Pair<SnakeUpperRoot, SnakeUpperChild>(() => Web(o => { o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseUpper; o.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase; })),
        Pair<KebabLowerRoot, KebabLowerChild>(() => Web(o => { o.PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower; o.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseUpper; })),
        Pair<KebabUpperRoot, KebabUpperChild>(() => Web(o => { o.PropertyNamingPolicy = JsonNamingPolicy.KebabCaseUpper; o.DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseUpper; })),
        Pair<DeclaredRoot, DeclaredChild>(() => Web(o => o.PropertyNamingPolicy = null)),
        Pair<GeneralRoot, GeneralChild>(() => new JsonSerializerOptions(JsonSerializerDefaults.General)),
        Pair<CaseSensitiveRoot, CaseSensitiveChild>(() => Web(o => o.PropertyNameCaseInsensitive = false)),
        Pair<QuotedNumbersRoot, QuotedNumbersChild>(() => Web(o => o.NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString), nonFinite: true),
        Pair<WriteAsStringRoot, WriteAsStringChild>(() => Web(o => o.NumberHandling = JsonNumberHandling.WriteAsString), nonFinite: true),
        Pair<NamedLiteralsRoot, NamedLiteralsChild>(() => new JsonSerializerOptions(JsonSerializerDefaults.General) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }, nonFinite: true),
        Pair<AllNumberFlagsRoot, AllNumberFlagsChild>(
            () => Web(o =>
            {
                o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
                o.NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowNamedFloatingPointLiterals;
            }),
            nonFinite: true),
        Pair<SkipNullRoot, SkipNullChild>(() => Web(o => o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)),
        Pair<SkipDefaultRoot, SkipDefaultChild>(() => new JsonSerializerOptions(JsonSerializerDefaults.General) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault }),
        Pair<StringEnumsRoot, StringEnumsChild>(() => Web(o => o.Converters.Add(new JsonStringEnumConverter()))),
        Pair<ReadOnlySkippedRoot, ReadOnlySkippedChild>(() => Web(o => o.IgnoreReadOnlyProperties = true)),
        Pair<FieldsRoot, FieldsChild>(() => new JsonSerializerOptions(JsonSerializerDefaults.General) { IncludeFields = true }),
        Pair<ReadOnlyFieldsRoot, ReadOnlyFieldsChild>(() => Web(o =>
        {
            o.IncludeFields = true;
            o.IgnoreReadOnlyFields = true;
            o.IgnoreReadOnlyProperties = true;
            o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        })),
        Pair<TypeNumbersRoot, TypeNumbersChild>(() => new JsonSerializerOptions(JsonSerializerDefaults.General) { IncludeFields = true }, nonFinite: true, typeNumberHandling: true),
        Single(ProfileGenerators.ReadOnlyBound, () => Web(o => { o.IgnoreReadOnlyProperties = true; o.IgnoreReadOnlyFields = true; o.IncludeFields = true; })),
        Single(ProfileGenerators.ReadOnlyRecord, () => Web(o => o.IgnoreReadOnlyProperties = true)),
        Single(ProfileGenerators.FieldPoint, () => Web(o => { o.IncludeFields = true; o.IgnoreReadOnlyFields = true; })),
        Single(ProfileGenerators.RequiredArgs, () => Web(o => o.RespectRequiredConstructorParameters = true)),
        Single(ProfileGenerators.RequiredRecord, () => new JsonSerializerOptions(JsonSerializerDefaults.General) { RespectRequiredConstructorParameters = true }),
        Pair<TypicalRoot, TypicalChild>(() => Web(o =>
        {
            o.PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower;
            o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.Converters.Add(new JsonStringEnumConverter());
        })),
        Pair<IndentedRoot, IndentedChild>(() => Web(o => o.WriteIndented = true)),
        Pair<TabIndentedRoot, TabIndentedChild>(() => Web(o => { o.WriteIndented = true; o.IndentCharacter = '\t'; o.IndentSize = 1; })),
        Pair<FlatIndentedRoot, FlatIndentedChild>(() => Web(o => { o.WriteIndented = true; o.IndentSize = 0; })),
        Pair<WideIndentedRoot, WideIndentedChild>(() => Web(o => { o.WriteIndented = true; o.IndentSize = 7; o.NewLine = "\n"; })),
        Pair<CrLfIndentedRoot, CrLfIndentedChild>(() => Web(o => { o.WriteIndented = true; o.NewLine = "\r\n"; })),
        Pair<IndentedTypicalRoot, IndentedTypicalChild>(() => Web(o =>
        {
            o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.Converters.Add(new JsonStringEnumConverter());
            o.WriteIndented = true;
            o.IndentCharacter = '\t';
            o.IndentSize = 2;
            o.NewLine = "\r\n";
        })),
        Pair<TrailingCommasRoot, TrailingCommasChild>(() => Web(o => o.AllowTrailingCommas = true)),
        Pair<CommentsRoot, CommentsChild>(() => Web(o => o.ReadCommentHandling = JsonCommentHandling.Skip)),
        Pair<LenientRoot, LenientChild>(() => new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
        }),
        Pair<StrictMembersRoot, StrictMembersChild>(() => Web(o => o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)),
        Pair<StrictGeneralRoot, StrictGeneralChild>(() => new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
        }),
        Pair<OwnDisallowRoot, OwnDisallowChild>(() => new JsonSerializerOptions(JsonSerializerDefaults.Web), isWeb: true),
        Pair<OwnSkipRoot, OwnSkipChild>(() => Web(o => o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)),
        Pair<ShallowRoot, ShallowChild>(() => Web(o => o.MaxDepth = 6)),
        Pair<OutOfOrderRoot, OutOfOrderChild>(() => Web(o => o.AllowOutOfOrderMetadataProperties = true)),
    }.SelectMany(pair => pair).ToDictionary(c => c.Name);

    public static IEnumerable<string> Names => Cases.Keys;

    public static ProfileCase Get(string name) => Cases[name];

    private static ProfileCase[] Single<T>(Gen<T> gen, Func<JsonSerializerOptions> options)
        where T : IVelithonJson<T> => [new ProfileCase<T>(gen, options, 1500)];

    private static JsonSerializerOptions Web(Action<JsonSerializerOptions> configure)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        configure(options);
        return options;
    }

    /// <param name="nonFinite">Whether the options write NaN and the infinities (as strings), so the values may hold them.</param>
    private static ProfileCase[] Pair<TRoot, TChild>(Func<JsonSerializerOptions> options, bool isWeb = false, bool nonFinite = false, bool typeNumberHandling = false)
        where TRoot : ProfileRoot<TChild>, IVelithonJson<TRoot>, new()
        where TChild : ProfileChild, IVelithonJson<TChild>, new() =>
    [
        new ProfileCase<TRoot>(ProfileGenerators.Root<TRoot, TChild>(nonFinite), options, 600, isWeb: isWeb, typeNumberHandling: typeNumberHandling),
        // Numbers written as strings (WriteAsString) are not read on the fast path: it gives up on them.
        new ProfileCase<TChild>(ProfileGenerators.Child<TChild>(nonFinite), options, 1500, fastOnly: (options().NumberHandling & JsonNumberHandling.WriteAsString) == 0, isWeb: isWeb, typeNumberHandling: typeNumberHandling),
    ];
}

/// <summary>CsCheck generators for the profile models.</summary>
internal static class ProfileGenerators
{
    // Identifier-like dictionary keys (the naming policies change them), any text, and keys longer than the 128
    // characters the writer converts on the stack.
    private static readonly Gen<string> Key = Gen.Frequency(
        (3, Gen.Frequency((3, Gen.Char['A', 'Z']), (3, Gen.Char['a', 'z']), (1, Gen.Char['0', '9']), (1, Gen.OneOf(' ', '_', '-', 'É', 'é'))).Array[0, 16].Select(c => new string(c))),
        (2, Generators.Key),
        (1, Gen.Char['A', 'z'].Array[120, 300].Select(c => new string(c))));

    private static Gen<Dictionary<string, TValue>?> DictionaryOf<TValue>(Gen<TValue> value) =>
        Gen.Select(Key, value).Array[0, 5].Select(pairs =>
        {
            var d = new Dictionary<string, TValue>(StringComparer.Ordinal);
            foreach ((string k, TValue v) in pairs)
            {
                d.TryAdd(k, v);
            }

            return d;
        }).Null(0.2)!;

    private static readonly Gen<Hue> AnyShade = Gen.Frequency((4, Gen.Enum<Hue>()), (1, Gen.Int.Select(i => (Hue)i)));

    private static readonly Gen<Rights> AnyAccess = Gen.Frequency((3, Gen.Int[0, 11].Select(i => (Rights)i)), (1, Gen.Int.Select(i => (Rights)i)));

    private static readonly Gen<int> SmallOrZero = Gen.Frequency((1, Gen.Const(0)), (3, Gen.Int));

    private static Gen<double> Double(bool nonFinite) =>
        nonFinite ? Gen.Frequency((8, Generators.Double), (1, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity))) : Generators.Double;

    private static Gen<float> Single(bool nonFinite) =>
        nonFinite ? Gen.Frequency((8, Generators.Single), (1, Gen.OneOf(float.NaN, float.PositiveInfinity, float.NegativeInfinity))) : Generators.Single;

    public static readonly Gen<ReadOnlyBound> ReadOnlyBound =
        from id in SmallOrZero
        from name in Generators.NullableString
        from serial in Gen.Long
        from items in Gen.Int.List[0, 4].Null(0.3)
        from extra in Gen.Int.Nullable()
        from ratio in Generators.Double.Nullable()
        select new ReadOnlyBound(id, name, serial, items) { Extra = extra, Ratio = ratio };

    public static readonly Gen<ReadOnlyRecord> ReadOnlyRecord =
        from id in SmallOrZero
        from name in Generators.NullableString
        from note in Generators.NullableString
        select new ReadOnlyRecord(id, name) { Note = note };

    public static readonly Gen<FieldPoint> FieldPoint =
        from x in SmallOrZero
        from y in SmallOrZero
        from tag in Generators.NullableString
        select new FieldPoint { X = x, Y = y, Tag = tag };

    public static readonly Gen<RequiredArgs> RequiredArgs =
        from id in SmallOrZero
        from also in Gen.Int.Nullable()
        from name in Generators.NullableString
        from count in Gen.Long
        from items in Gen.Int.List[0, 4].Null(0.3)
        from note in Generators.NullableString
        select new RequiredArgs(id, name, count, items) { Also = also, Note = note };

    public static readonly Gen<RequiredRecord> RequiredRecord =
        from id in SmallOrZero
        from name in Generators.String
        from ratio in Generators.Double
        select new RequiredRecord(id, name, ratio);

    public static Gen<TChild> Child<TChild>(bool nonFinite)
        where TChild : ProfileChild, new() =>
        from name in Generators.NullableString
        from code in SmallOrZero
        from count in Gen.Frequency((1, Gen.Const(0L)), (3, Gen.Long))
        from ratio in Double(nonFinite)
        from price in Generators.Decimal
        from leaf in Gen.Bool
        from id in Gen.Frequency((1, Gen.Const(Guid.Empty)), (3, Gen.Guid))
        from size in Gen.Int.Nullable()
        from shade in Gen.Enum<Hue>()
        from values in Double(nonFinite).List[0, 5].Null(0.3)
        from tags in Generators.NullableString.Array[0, 4].Null(0.3)
        select new TChild
        {
            ChildName = name, HTTPCode = code, Count_Total = count, Ratio = ratio, Price = price, IsLeaf = leaf, Id = id,
            MaybeSize = size, Hue = shade, Values = values, Tags = tags,
        };

    public static Gen<TRoot> Root<TRoot, TChild>(bool nonFinite)
        where TRoot : ProfileRoot<TChild>, new()
        where TChild : ProfileChild, new()
    {
        Gen<TChild> child = Child<TChild>(nonFinite);
        return
            from order in SmallOrZero
            from customer in Generators.NullableString
            from xml in Generators.NullableString
            from sha in Double(nonFinite)
            from ids in Gen.Frequency((1, Gen.Const(0L)), (3, Gen.Long))
            from amount in Generators.Decimal
            from ratio in Single(nonFinite)
            from tiny in Gen.Byte
            from big in Gen.ULong
            from active in Gen.Bool
            from maybeCount in Gen.Int.Nullable()
            from maybeScore in Double(nonFinite).Nullable()
            from key in Gen.Frequency((1, Gen.Const(Guid.Empty)), (3, Gen.Guid))
            from created in Gen.Frequency((1, Gen.Const(default(DateTime))), (3, Generators.DateTime))
            from elapsed in Generators.TimeSpan
            from shade in AnyShade
            from maybeShade in AnyShade.Nullable()
            from access in AnyAccess
            from shades in AnyShade.List[0, 4].Null(0.3)
            from single in child.Null(0.3)
            from children in child.Null(0.2).List[0, 3].Null(0.3)
            from numbers in Gen.Int.Array[0, 5].Null(0.3)
            from measurements in Double(nonFinite).Nullable().List[0, 4].Null(0.3)
            from scores in DictionaryOf(Double(nonFinite))
            from byKey in DictionaryOf(child)
            from note in Generators.String
            from renamed in Generators.NullableString
            from never in Generators.NullableString
            from skipped in Generators.NullableString
            from counter in SmallOrZero
            from label in Generators.NullableString
            from maybeRatio in Double(nonFinite).Nullable()
            from quoted in SmallOrZero
            from strictLongs in Gen.Long.List[0, 4].Null(0.3)
            from namedDoubles in DictionaryOf(Double(nonFinite).Nullable())
            from grid in Gen.Int.Array[0, 3].Null(0.2).List[0, 3].Null(0.3)
            select new TRoot
            {
                OrderID = order, CustomerName = customer, XMLPayload = xml, SHA512Score = sha, IDs = ids, Amount_Due = amount,
                Ratio2D = ratio, TinyValue = tiny, BigValue = big, IsActive = active, MaybeCount = maybeCount, MaybeScore = maybeScore,
                Key = key, CreatedAt = created, Elapsed = elapsed, Hue = shade, MaybeShade = maybeShade, Rights = access,
                Shades = shades, Child = single, Children = children, Numbers = numbers, Measurements = measurements,
                ScoresByName = scores, ChildrenByKey = byKey, ÉtéNote = note, Renamed = renamed, NeverSkipped = never,
                SkippedWhenNull = skipped, Counter = counter, Label = label, MaybeRatio = maybeRatio, Quoted = quoted,
                StrictLongs = strictLongs, NamedDoubles = namedDoubles, Grid = grid,
            };
    }
}

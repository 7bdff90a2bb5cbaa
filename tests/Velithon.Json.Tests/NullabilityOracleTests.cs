using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Profiles;

namespace Velithon.Json.Tests;

/// <summary>
/// <c>RespectNullableAnnotations = true</c> against System.Text.Json (reflection) with the same option: writing a null
/// from a member that refuses it is STJ's <see cref="JsonException"/> (same message, same write path of C# names), and
/// reading JSON null into a member or constructor parameter that refuses it is STJ's error with path, line and
/// position; everything else is written and read as STJ does.
/// </summary>
public sealed class NullabilityOracleTests
{
    private static readonly JsonSerializerOptions Stj = new(JsonSerializerDefaults.Web) { RespectNullableAnnotations = true, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static readonly JsonSerializerOptions Resolved = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()),
    };

    private static Func<JsonSerializerOptions> Options => () => new JsonSerializerOptions(JsonSerializerDefaults.Web) { RespectNullableAnnotations = true };

    // A reference value that is null with probability `nulls` (0: always set, as a value STJ writes).
    private static Gen<T> OrNull<T>(Gen<T> gen, double nulls)
        where T : class => nulls == 0 ? gen : Gen.Frequency((100 - (int)(nulls * 100), gen), ((int)(nulls * 100), Gen.Const<T>((T)null!)));

    private static Gen<NullCheckedChild> Child(double nulls) =>
        Gen.Select(OrNull(Generators.String, nulls), Generators.NullableString, (label, extra) => new NullCheckedChild { Label = label, Extra = extra });

    private static Gen<NullChecked> Checked(double nulls)
    {
        Gen<string> text = OrNull(Generators.String, nulls);
        return Gen.Select(
            Gen.Select(text, Generators.NullableString, OrNull(Child(nulls), nulls), Child(nulls).Null(0.3), OrNull(Generators.NullableString.List[0, 3], nulls)),
            Gen.Select(OrNull(Child(nulls).List[0, 3], nulls), OrNull(Generators.Key.Select(Child(nulls)).List[0, 2], nulls), OrNull(Gen.Int.Array[0, 3], nulls), Gen.Int, Gen.Int.Nullable()),
            Gen.Select(text, text, Generators.NullableString, text, Generators.NullableString),
            Gen.Select(text, text, text, text, text),
            Gen.Select(OrNull(Generators.Uri.Select(u => u ?? new Uri("https://example.com/")), nulls), OrNull(Gen.Select(text, Generators.NullableString, (v, m) => new NullBox<string> { Value = v, Maybe = m }), nulls), OrNull(Generators.NullableString.Select(v => new LooseBox<string> { Value = v! }), nulls)),
            (a, b, c, d, e) => new NullChecked
            {
                Name = a.Item1,
                Note = a.Item2,
                Child = a.Item3,
                MaybeChild = a.Item4,
                Tags = a.Item5,
                Children = b.Item1,
                ByKey = b.Item2 is null ? null! : b.Item2.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2),
                Numbers = b.Item3,
                Count = b.Item4,
                MaybeCount = b.Item5,
                Lenient = c.Item1,
                Strict = c.Item2 ?? c.Item3!,
                Loose = c.Item4,
                Checked = c.Item5 ?? (nulls == 0 ? "" : null),
                Renamed = d.Item1,
                SkippedWhenNull = d.Item2,
                InitOnly = d.Item3,
                Field = d.Item4,
                Oblivious = d.Item5,
                Link = e.Item1,
                Box = e.Item2,
                Loosely = e.Item3,
            });
    }

    private static Gen<NullCheckedRecord> Record(double nulls) =>
        Gen.Select(OrNull(Generators.String, nulls), Generators.NullableString, OrNull(Child(nulls), nulls), Gen.Int, OrNull(Generators.String, nulls),
            (name, note, child, count, quiet) => new NullCheckedRecord(name, note, child, count, quiet));

    private static Gen<NullCheckedArgs> Args(double nulls) =>
        Gen.Select(OrNull(Generators.String, nulls), Generators.String, OrNull(Generators.String, nulls), (code, title, owner) => new NullCheckedArgs(code, title) { Owner = owner });

    [Fact]
    public void Writes_STJs_bytes_or_STJs_error_for_a_null_member() => AssertWrites(Checked(0.05), 1500);

    [Fact]
    public void Writes_STJs_bytes_or_STJs_error_for_constructor_bound_and_required_members()
    {
        AssertWrites(Record(0.2), 1000);
        AssertWrites(Args(0.2), 1000);
    }

    [Fact]
    public void A_null_in_a_nested_object_or_a_list_element_has_STJs_write_path()
    {
        var value = new NullChecked { Children = [new NullCheckedChild(), new NullCheckedChild { Label = null! }] };
        JsonException error = Assert.Throws<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(value));
        Assert.Equal("The property or field 'label' on type 'Velithon.Json.Tests.Profiles.NullCheckedChild' doesn't allow getting null values. Consider updating its nullability annotation. Path: $.Children.Label.", error.Message);
        Assert.Equal("$.Children.Label", error.Path);
        AssertSameWrite(value);
        AssertSameWrite(new NullChecked { Box = new NullBox<string> { Value = null! } });
        AssertSameWrite(new NullChecked { Renamed = null! });
        AssertSameWrite(new NullChecked { SkippedWhenNull = null!, Oblivious = null!, Loose = null!, Strict = null!, Loosely = new LooseBox<string> { Value = null! } });
    }

    [Theory]
    [InlineData("as-written")]
    [InlineData("nulls")]
    [InlineData("dropped-members")]
    [InlineData("reordered")]
    [InlineData("recased")]
    public void Reads_like_STJ(string variant)
    {
        new ProfileCase<NullChecked>(Checked(0), Options, 1500).ReadsLikeStj(variant);
        new ProfileCase<NullCheckedRecord>(Record(0), Options, 1000).ReadsLikeStj(variant);
        new ProfileCase<NullCheckedArgs>(Args(0), Options, 1000).ReadsLikeStj(variant);
    }

    [Theory]
    [InlineData("""{"name":null}""")]
    [InlineData("""{"child":{"label":"a","extra":null},"children":[{"label":"x"},{"label":null}]}""")]
    [InlineData("""{"byKey":{"k":{"label":null}}}""")]
    [InlineData("""{"byKey":{"k":null},"tags":[null],"children":[null]}""")]
    [InlineData("""{"lenient":null,"checked":null,"oblivious":null,"loosely":{"value":null},"box":{"maybe":null}}""")]
    [InlineData("""{"strict":null}""")]
    [InlineData("""{"loose":null}""")]
    [InlineData("""{"box":{"value":null}}""")]
    [InlineData("""{"numbers":null}""")]
    [InlineData("""{"Field":null}""")]
    [InlineData("""{"initOnly":null}""")]
    [InlineData("""{"link":null}""")]
    [InlineData("""{"maybeChild":null,"note":null,"maybeCount":null}""")]
    [InlineData("{\n  \"renamed\":\n    null\n}")]
    public void Reads_nulls_like_STJ(string json) => AssertSameRead<NullChecked>(json);

    [Theory]
    [InlineData("""{"name":null,"child":{"label":"x"},"count":1,"quiet":"q"}""")]
    [InlineData("""{"name":"n","child":null,"count":1,"quiet":"q"}""")]
    [InlineData("""{"name":"n","child":{"label":null},"count":1,"quiet":"q"}""")]
    [InlineData("""{"name":"n","note":null,"child":{"label":"x"},"count":1,"quiet":null}""")]
    [InlineData("""{"count":1}""")]
    public void Reads_constructor_parameters_like_STJ(string json) => AssertSameRead<NullCheckedRecord>(json);

    [Theory]
    [InlineData("""{"code":null,"title":"t","owner":"o"}""")]
    [InlineData("""{"code":"c","title":null,"owner":"o"}""")]
    [InlineData("""{"code":"c","title":"t","owner":null}""")]
    public void Reads_required_members_and_AllowNull_parameters_like_STJ(string json) => AssertSameRead<NullCheckedArgs>(json);

    [Fact]
    public void A_host_with_the_option_runs_the_generated_code_and_a_Web_host_does_not()
    {
        var profile = new ProfileCase<NullChecked>(Checked(0), Options, 300);
        profile.HostWithTheSameOptionsRunsTheGeneratedCode();
        profile.WebHostFallsBackOrThrows();
        profile.FastPathTakesStjOutput();
        new ProfileCase<NullCheckedRecord>(Record(0), Options, 300).HostWithTheSameOptionsRunsTheGeneratedCode();
        Assert.StartsWith(
            "RespectNullableAnnotations is false; the generated code was compiled for true",
            VelithonJsonContract.Of<NullChecked>().FindMismatch(new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Through_the_resolver_a_null_member_is_STJs_error()
    {
        var value = new NullChecked { Child = new NullCheckedChild { Label = null! } };
        JsonException stj = Assert.Throws<JsonException>(() => JsonSerializer.SerializeToUtf8Bytes(value, Stj));
        JsonException resolved = Assert.Throws<JsonException>(() => JsonSerializer.SerializeToUtf8Bytes(value, Resolved));
        Assert.Equal(stj.Message, resolved.Message);
        Assert.Equal(stj.Path, resolved.Path);

        var list = new List<NullChecked> { new(), value };
        JsonException stjList = Assert.Throws<JsonException>(() => JsonSerializer.SerializeToUtf8Bytes(list, Stj));
        JsonException resolvedList = Assert.Throws<JsonException>(() => JsonSerializer.SerializeToUtf8Bytes(list, Resolved));
        Assert.Equal(stjList.Message, resolvedList.Message);
        Assert.Equal(stjList.Path, resolvedList.Path);
    }

    [Theory]
    [InlineData("""{"code":"c","owner":null,"OTHER":null}""")]
    [InlineData("""{"other":null,"owner":null,"code":"c"}""")]
    [InlineData("""{"owner":null,"owner":"x","code":"c"}""")]
    [InlineData("""{"other":null,"code":"c"}""")]
    [InlineData("""{"other":null,"code":null,"owner":"o"}""")]
    [InlineData("{\"other\":null,\"code\":\"c\",\n\"owner\":\"o\"\n}")]
    public void Members_of_a_type_read_through_a_constructor_are_checked_at_its_end_like_STJ(string json) => AssertSameRead<NullCheckedArgs>(json);

    private static void AssertWrites<T>(Gen<T> gen, int iterations)
        where T : IVelithonJson<T> => gen.Sample(AssertSameWrite, iter: iterations, print: v => Oracle.Text(JsonSerializer.SerializeToUtf8Bytes(v, Lenient)));

    private static readonly JsonSerializerOptions Lenient = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static void AssertSameWrite<T>(T value)
        where T : IVelithonJson<T>
    {
        byte[]? expected = null;
        JsonException? stjError = null;
        try
        {
            expected = JsonSerializer.SerializeToUtf8Bytes(value, Stj);
        }
        catch (JsonException ex)
        {
            stjError = ex;
        }

        if (stjError is null)
        {
            Assert.Equal(Oracle.Text(expected), Oracle.Text(VelithonJson.SerializeToUtf8Bytes(value)));
            return;
        }

        JsonException error = Assert.Throws<JsonException>(() => VelithonJson.SerializeToUtf8Bytes(value));
        Assert.Equal(stjError.Message, error.Message);
        Assert.Equal(stjError.Path, error.Path);
    }

    // Damaged documents of the three shapes (a type with setters, a record, a constructor with members read after it),
    // with nulls where the option refuses them: the same value or STJ's error, in a buffer and in sequence segments.
    [Fact]
    public void Mutated_documents_read_like_STJ() => Gen.Select(Checked(0), Record(0), Args(0), Gen.Int).Run(t =>
    {
        var random = new Random(t.Item4);
        foreach (byte[] json in new[] { JsonSerializer.SerializeToUtf8Bytes(t.Item1, Stj), JsonSerializer.SerializeToUtf8Bytes(t.Item2, Stj), JsonSerializer.SerializeToUtf8Bytes(t.Item3, Stj) })
        {
            byte[] damaged = Mutator.Mutate(random.Next(3) == 0 ? NullOut(json, random) : json, random);
            AssertSameRead<NullChecked>(damaged);
            AssertSameRead<NullCheckedRecord>(damaged);
            AssertSameRead<NullCheckedArgs>(damaged);
        }
    }, iter: 500, print: t => Oracle.Show(t.Item1));

    // Replaces one string value with null.
    private static byte[] NullOut(byte[] json, Random random)
    {
        string text = Encoding.UTF8.GetString(json);
        int at = text.IndexOf("\":\"", random.Next(Math.Max(1, text.Length)), StringComparison.Ordinal);
        if (at < 0)
        {
            return json;
        }

        int end = text.IndexOf('"', at + 3);
        return end < 0 ? json : Encoding.UTF8.GetBytes(text[..(at + 2)] + "null" + text[(end + 1)..]);
    }

    /// <summary>VelithonJson and a host with the resolver read <paramref name="json"/> as STJ does: an equal value, or STJ's error (message, path, line, position).</summary>
    private static void AssertSameRead<T>(string json)
        where T : IVelithonJson<T> => AssertSameRead<T>(Encoding.UTF8.GetBytes(json));

    private static void AssertSameRead<T>(byte[] utf8)
        where T : IVelithonJson<T>
    {
        T? expected = default;
        JsonException? stjError = null;
        try
        {
            expected = JsonSerializer.Deserialize<T>(utf8, Stj);
        }
        catch (JsonException ex)
        {
            stjError = ex;
        }

        string input = "\nInput: " + Encoding.UTF8.GetString(utf8);
        if (stjError is null)
        {
            string? diff = DeepEqual.Diff(expected, VelithonJson.Deserialize<T>(utf8)) ?? DeepEqual.Diff(expected, JsonSerializer.Deserialize<T>(utf8, Resolved));
            Assert.True(diff is null, diff + input);
            return;
        }

        JsonException error = Assert.Throws<JsonException>(() => VelithonJson.Deserialize<T>(utf8));
        Assert.True(
            stjError.Message == error.Message && stjError.Path == error.Path && stjError.LineNumber == error.LineNumber && stjError.BytePositionInLine == error.BytePositionInLine,
            $"STJ: {stjError.Message}\nVelithon: {error.Message}{input}");

        // Inside System.Text.Json a read error below the value is STJ's wrapping of it (as for every other read error).
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<T>(utf8, Resolved));
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;

namespace Velithon.Json.Tests;

/// <summary>[JsonIgnore] with the one-directional conditions .NET 9 added.</summary>
[VelithonJson]
public partial class IgnoreDirections
{
    public int Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)]
    public string? ReadOnly { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)]
    public int ReadOnlyNumber { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]
    public string? WriteOnly { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]
    public List<int>? WriteOnlyList { get; set; }
}

/// <summary>Enum members renamed with [JsonStringEnumMemberName].</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Shade>))]
public enum Shade
{
    [JsonStringEnumMemberName("light-grey")]
    Light,

    [JsonStringEnumMemberName("DARK")]
    Dark,

    Plain,
}

/// <summary>A flags enum with renamed members.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<Access>))]
public enum Access
{
    None = 0,

    [JsonStringEnumMemberName("can read")]
    Read = 1,

    [JsonStringEnumMemberName("WRITE")]
    Write = 2,

    Delete = 4,
}

[VelithonJson]
public partial class Shaded
{
    public Shade Shade { get; set; }

    public Shade? Maybe { get; set; }

    public List<Shade>? All { get; set; }

    public Access Access { get; set; }
}

/// <summary>
/// Attributes docs/json.md lists as honoured, each against STJ Web: <c>[JsonIgnore]</c> with
/// <see cref="JsonIgnoreCondition.WhenWriting"/> and <see cref="JsonIgnoreCondition.WhenReading"/>, and
/// <c>[JsonStringEnumMemberName]</c> (plain and flags enums).
/// </summary>
public sealed class AttributeContractTests
{
    private static readonly Gen<IgnoreDirections> Directions =
        from id in Gen.Int
        from readOnly in Generators.NullableString
        from readOnlyNumber in Gen.Int
        from writeOnly in Generators.NullableString
        from list in Gen.Int.List[0, 4].Null(0.2)
        select new IgnoreDirections { Id = id, ReadOnly = readOnly, ReadOnlyNumber = readOnlyNumber, WriteOnly = writeOnly, WriteOnlyList = list };

    [Fact]
    public void WhenWriting_members_are_read_but_not_written_and_WhenReading_members_the_other_way_round() => Directions.Run(value =>
    {
        byte[] expected = Oracle.Serialize(value);
        byte[] actual = VelithonJson.SerializeToUtf8Bytes(value);
        Assert.Equal(Oracle.Text(expected), Oracle.Text(actual));
        string text = Oracle.Text(actual);
        Assert.DoesNotContain("\"readOnly\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"readOnlyNumber\"", text, StringComparison.Ordinal);
        Assert.Contains("\"writeOnly\"", text, StringComparison.Ordinal);
        Assert.Contains("\"writeOnlyList\"", text, StringComparison.Ordinal);

        // A document with every member: the WhenWriting ones are read, the WhenReading ones skipped.
        byte[] json = Encoding.UTF8.GetBytes(
            $$"""{"id":{{value.Id}},"readOnly":{{JsonSerializer.Serialize(value.ReadOnly)}},"readOnlyNumber":{{value.ReadOnlyNumber}},"writeOnly":{{JsonSerializer.Serialize(value.WriteOnly)}},"writeOnlyList":{{JsonSerializer.Serialize(value.WriteOnlyList)}}}""");
        IgnoreDirections? stj = Oracle.Deserialize<IgnoreDirections>(json);
        IgnoreDirections? read = VelithonJson.Deserialize<IgnoreDirections>(json);
        DeepEqual.AssertEqual(stj, read);
        DeepEqual.AssertEqual(stj, VelithonJson.Deserialize<IgnoreDirections>(TestInputs.Split(json, new Random(value.Id))));
        Assert.Equal(value.ReadOnlyNumber, read!.ReadOnlyNumber);
        Assert.Null(read.WriteOnly);
        Assert.Null(read.WriteOnlyList);
    }, 500);

    [Fact]
    public void A_WhenReading_member_with_a_value_of_any_type_is_skipped_like_STJ()
    {
        foreach (string json in new[]
        {
            """{"writeOnly":5,"writeOnlyList":{"a":[1,{}]},"id":1}""",
            """{"writeOnly":[],"writeOnlyList":"x"}""",
            """{"WRITEONLY":true,"readonly":"r","READONLYNUMBER":"7"}""",
        })
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            DeepEqual.AssertEqual(Oracle.Deserialize<IgnoreDirections>(bytes), VelithonJson.Deserialize<IgnoreDirections>(bytes));
        }

        // A WhenWriting member is read with its type's rules.
        byte[] bad = """{"readOnlyNumber":"x"}"""u8.ToArray();
        JsonException expected = Assert.ThrowsAny<JsonException>(() => Oracle.Deserialize<IgnoreDirections>(bad));
        JsonException actual = Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<IgnoreDirections>(bad));
        Assert.Equal(expected.Message, actual.Message);
    }

    public static TheoryData<string> EnumDocuments => new()
    {
        """{"shade":"light-grey","maybe":"DARK","all":["Plain","light-grey","DARK"],"access":"can read, WRITE"}""",
        """{"shade":"LIGHT-GREY"}""",
        """{"shade":"dark"}""",
        """{"shade":"Light"}""",
        """{"shade":"Dark"}""",
        """{"shade":"plain"}""",
        """{"shade":" light-grey "}""",
        """{"shade":"light-grey,"}""",
        """{"shade":1}""",
        """{"shade":"7"}""",
        """{"maybe":null,"all":[]}""",
        """{"access":"can read"}""",
        """{"access":"Read"}""",
        """{"access":"WRITE, Delete"}""",
        """{"access":"write,can read"}""",
        """{"access":"can read, Nope"}""",
        """{"access":"None"}""",
        """{"access":7}""",
        """{"access":"8"}""",
        """{"access":""}""",
    };

    [Theory]
    [MemberData(nameof(EnumDocuments))]
    public void Renamed_enum_members_read_like_STJ(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        Shaded? expected = null;
        JsonException? stjError = null;
        try
        {
            expected = Oracle.Deserialize<Shaded>(bytes);
        }
        catch (JsonException ex)
        {
            stjError = ex;
        }

        if (stjError is null)
        {
            DeepEqual.AssertEqual(expected, VelithonJson.Deserialize<Shaded>(bytes));
            DeepEqual.AssertEqual(expected, VelithonJson.Deserialize<Shaded>(TestInputs.Split(bytes, 2)));
        }
        else
        {
            JsonException actual = Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<Shaded>(bytes));
            Assert.Equal(stjError.Message, actual.Message);
            Assert.Equal(stjError.Path, actual.Path);
        }
    }

    [Fact]
    public void Renamed_enum_members_are_written_like_STJ()
    {
        Shade[] shades = [Shade.Light, Shade.Dark, Shade.Plain, (Shade)7];
        Access[] accesses = [Access.None, Access.Read, Access.Write, Access.Read | Access.Write, Access.Read | Access.Write | Access.Delete, Access.Delete, (Access)8, (Access)9];
        foreach (Shade shade in shades)
        {
            foreach (Access access in accesses)
            {
                var value = new Shaded { Shade = shade, Maybe = shade, All = [shade, Shade.Light], Access = access };
                Assert.Equal(Oracle.Text(Oracle.Serialize(value)), Oracle.Text(VelithonJson.SerializeToUtf8Bytes(value)));
            }
        }

        Assert.Equal(
            """{"shade":"light-grey","maybe":"DARK","all":["Plain"],"access":"can read, WRITE"}""",
            Oracle.Text(VelithonJson.SerializeToUtf8Bytes(new Shaded { Shade = Shade.Light, Maybe = Shade.Dark, All = [Shade.Plain], Access = Access.Read | Access.Write })));
    }
}

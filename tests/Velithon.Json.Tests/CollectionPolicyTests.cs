using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// DictionaryKeyPolicy with the new key types, against STJ with the same settings: it converts string and enum keys
/// (not a [JsonStringEnumMemberName], not numbers), and keys are read as written, so some of STJ's own output does not
/// read back: Velithon then fails (JsonException) where STJ fails.
/// </summary>
public sealed class CollectionPolicyTests
{
    private static readonly JsonSerializerOptions SnakeUpper = new(JsonSerializerOptions.Web) { DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseUpper };

    private static readonly JsonSerializerOptions KebabWithStringEnums = new(JsonSerializerOptions.Web)
    {
        DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Web) { WriteIndented = true };

    [Fact]
    public void Policy_keys_match_STJ() => PolicyKeyGenerators.PolicyKeys.Run(value => Check(value, SnakeUpper), 800);

    [Fact]
    public void Policy_keys_with_string_enums_match_STJ() => PolicyKeyGenerators.StringEnumPolicyKeys.Run(value => Check(value, KebabWithStringEnums), 800);

    [Fact]
    public void Indented_collections_match_STJ() =>
        IndentedCollectionGenerators.Value.Run(value => Check(value, Indented), 500);

    [Fact]
    public void Enum_keys_are_names_through_the_policy_and_renamed_ones_as_written()
    {
        var value = new PolicyKeys
        {
            Colors = new() { [Color.Negative] = 1, [(Color)99] = 2 },
            Renamed = new() { [Renamed.FirstOne] = 1, [Renamed.ThirdValue] = 2 },
            Permissions = new() { [Permissions.Read | Permissions.Execute] = 1 },
            Numbers = new() { [12] = 1 },
        };
        Assert.Equal(
            """{"names":null,"colors":{"NEGATIVE":1,"99":2},"permissions":{"READ, EXECUTE":1},"renamed":{"first one":1,"THIRD_VALUE":2},"numbers":{"12":1},"immutable":null}""",
            System.Text.Encoding.UTF8.GetString(VelithonJson.SerializeToUtf8Bytes(value)));
        Check(value, SnakeUpper);
    }

    private static void Check<T>(T value, JsonSerializerOptions stj)
        where T : IVelithonJson<T>
    {
        byte[] expected = JsonSerializer.SerializeToUtf8Bytes(value, stj);
        byte[] actual = VelithonJson.SerializeToUtf8Bytes(value);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"Expected {Oracle.Text(expected)}\nActual   {Oracle.Text(actual)}");

        T? fromStj = default;
        Exception? stjError = null;
        try
        {
            fromStj = JsonSerializer.Deserialize<T>(expected, stj);
        }
        catch (Exception ex) when (ex is JsonException)
        {
            stjError = ex;
        }

        if (stjError is null)
        {
            DeepEqual.AssertEqual(fromStj, VelithonJson.Deserialize<T>(expected));
        }
        else
        {
            Assert.ThrowsAny<JsonException>(() => VelithonJson.Deserialize<T>(expected));
        }
    }
}

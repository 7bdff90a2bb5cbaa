using System.Text;
using Velithon.Json.Tests.Models;
using Velithon.Memory;

namespace Velithon.Json.Tests;

/// <summary><c>[Interned(typeof(Table))]</c>: known values come back as the table's constants, others through the interner.</summary>
public sealed class InternedTableTests
{
    [Theory]
    [InlineData("admin", KnownRoles.Admin)]
    [InlineData("viewer", KnownRoles.Viewer)]
    [InlineData("Zürich", KnownRoles.Zurich)]
    [InlineData("Z\\u00fcrich", KnownRoles.Zurich)] // escaped: unescaped, then the interner (same value, maybe not the constant)
    public void Known_values_read_as_the_table_value(string raw, string expected)
    {
        TableTagged? value = VelithonJson.Deserialize<TableTagged>(Encoding.UTF8.GetBytes($$"""{"role":"{{raw}}","n":1}"""));

        Assert.NotNull(value);
        Assert.Equal(expected, value.Role);
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            // Theory data is read from attribute metadata (new instances): compare with the table's own constant.
            Assert.Same(KnownRoles.All.Single(r => r == expected), value.Role);
        }
    }

    [Fact]
    public void Unknown_values_fall_back_to_the_options_interner()
    {
        var options = new VelithonJsonOptions { Interner = new StringInterner() };
        byte[] json = """{"role":"auditor","n":2}"""u8.ToArray();

        TableTagged? first = VelithonJson.Deserialize<TableTagged>(json, options);
        TableTagged? second = VelithonJson.Deserialize<TableTagged>(json, options);

        Assert.Equal("auditor", first!.Role);
        Assert.Same(first.Role, second!.Role);
        Assert.True(options.Interner.TryGet("auditor", out string? pooled));
        Assert.Same(pooled, first.Role);
    }

    [Fact]
    public void Null_and_wrong_tokens_behave_as_without_a_table()
    {
        Assert.Null(VelithonJson.Deserialize<TableTagged>("""{"role":null}"""u8.ToArray())!.Role);
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => VelithonJson.Deserialize<TableTagged>("""{"role":5}"""u8.ToArray()));
        Assert.Contains("$.role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_hits_allocate_no_string()
    {
        byte[] json = """{"role":"editor","n":3}"""u8.ToArray();
        long withTable = Allocations.Measure(() => VelithonJson.Deserialize<TableTagged>(json));
        long withoutTable = Allocations.Measure(() => VelithonJson.Deserialize<Untagged>(json));

        Assert.Same(KnownRoles.Editor, VelithonJson.Deserialize<TableTagged>(json)!.Role);
        Assert.NotSame(KnownRoles.Editor, VelithonJson.Deserialize<Untagged>(json)!.Role);

        // Both allocate the object; only the plain one allocates the string, every call (a 6-character string takes
        // at least 32 bytes).
        Assert.True(withoutTable - withTable >= 100 * 32, $"table {withTable} B, plain {withoutTable} B in 100 calls");
    }
}

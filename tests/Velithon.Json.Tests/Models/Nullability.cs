using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Profiles;

// RespectNullableAnnotations = true: each way System.Text.Json decides whether a member or constructor parameter allows
// null (annotations, the four nullability attributes, oblivious members, type parameters and their constraints), and
// what it leaves alone (value types, elements and dictionary values, members skipped by an ignore condition).

/// <summary>Non-nullable and nullable members of every kind the check looks at.</summary>
[VelithonJson(RespectNullableAnnotations = true)]
public partial class NullChecked
{
    public string Name { get; set; } = "";

    public string? Note { get; set; }

    public NullCheckedChild Child { get; set; } = new();

    public NullCheckedChild? MaybeChild { get; set; }

    // Elements and dictionary values are not checked, the collection itself is.
    public List<string?> Tags { get; set; } = [];

    public List<NullCheckedChild> Children { get; set; } = [];

    public Dictionary<string, NullCheckedChild> ByKey { get; set; } = [];

    public int[] Numbers { get; set; } = [];

    public int Count { get; set; }

    public int? MaybeCount { get; set; }

    public Uri Link { get; set; } = new("https://example.com/");

    [AllowNull]
    public string Lenient { get; set; } = "";

    [DisallowNull]
    public string? Strict { get; set; }

    [MaybeNull]
    public string Loose { get; set; } = "";

    [NotNull]
    public string? Checked { get; set; } = "";

    [JsonPropertyName("renamed")]
    public string Renamed { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string SkippedWhenNull { get; set; } = "";

    public string InitOnly { get; init; } = "";

    [JsonInclude]
    public string Field = "";

#nullable disable
    public string Oblivious { get; set; } = "";
#nullable restore

    public NullBox<string> Box { get; set; } = new();

    public LooseBox<string> Loosely { get; set; } = new();
}

/// <summary>The members of a nested object: its errors carry the outer members in the path.</summary>
[VelithonJson(RespectNullableAnnotations = true)]
public partial class NullCheckedChild
{
    public string Label { get; set; } = "";

    public string? Extra { get; set; }
}

/// <summary>A type parameter with a <c>notnull</c> constraint: checked, as System.Text.Json reads the constraint.</summary>
[VelithonJson(RespectNullableAnnotations = true)]
public partial class NullBox<T>
    where T : notnull
{
    public T Value { get; set; } = default!;

    public T? Maybe { get; set; }
}

/// <summary>An unconstrained type parameter: nullable, whatever the closed type says.</summary>
[VelithonJson(RespectNullableAnnotations = true)]
public partial class LooseBox<T>
{
    public T Value { get; set; } = default!;
}

/// <summary>Constructor parameters: STJ names the parameter in its read error, and the property in its write error.</summary>
[VelithonJson(RespectNullableAnnotations = true)]
public partial record NullCheckedRecord(string Name, string? Note, NullCheckedChild Child, int Count, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string Quiet);

/// <summary>A required member and a parameter with [AllowNull] bound to a non-nullable property.</summary>
[VelithonJson(RespectNullableAnnotations = true)]
public partial class NullCheckedArgs
{
    public NullCheckedArgs(string code, [AllowNull] string title)
    {
        Code = code;
        Title = title ?? "";
    }

    public string Code { get; }

    public string Title { get; }

    public required string Owner { get; set; }

    public string Other { get; set; } = "";
}

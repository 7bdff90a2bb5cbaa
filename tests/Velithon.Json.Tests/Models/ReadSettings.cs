using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Profiles;

/// <summary>A recursive type compiled with MaxDepth = 3: the depth limit of VelithonJson's entry points unless the options set one.</summary>
[VelithonJson(MaxDepth = 3)]
public partial class ShallowNode
{
    public int Value { get; set; }

    public ShallowNode? Next { get; set; }
}

/// <summary>UnmappedMemberHandling.Disallow with members System.Text.Json maps without reading them.</summary>
[VelithonJson(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
public partial class StrictRecord
{
    public int Id { get; set; }

    public string? Name { get; set; }

    public int Twice => Id * 2;

    [JsonIgnore]
    public string? Secret { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]
    public int WrittenOnly { get; set; }

    public StrictRecord? Inner { get; set; }

    public List<StrictRecord>? Items { get; set; }
}

/// <summary>Trailing commas and comments, for host tests.</summary>
[VelithonJson(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
public partial class LenientProbe
{
    public int Count { get; set; }
}

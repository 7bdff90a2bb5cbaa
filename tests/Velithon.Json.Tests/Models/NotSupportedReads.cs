namespace Velithon.Json.Tests.Models;

/// <summary>
/// A type built through its constructor with a polymorphic base as a parameter and as members System.Text.Json reads
/// after the constructor (NotSupportedReadOracleTests).
/// </summary>
[VelithonJson]
public partial record Exhibit(string? Title, Shape? Cover)
{
    public Shape? Extra { get; set; }

    public List<Shape>? More { get; set; }

    public Party? Owner { get; set; }
}

/// <summary>A hierarchy that lists an abstract generic type: a discriminator that names it is STJ's NotSupportedException.</summary>
[VelithonJson]
[System.Text.Json.Serialization.JsonPolymorphic(UnknownDerivedTypeHandling = System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)]
[System.Text.Json.Serialization.JsonDerivedType(typeof(SealedSlot), "sealed")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(AbstractSlot<int>), "slot")]
public partial class SlotBase
{
    public int Id { get; set; }
}

[VelithonJson]
public abstract partial class AbstractSlot<T> : SlotBase
{
    public T? Value { get; set; }
}

[VelithonJson]
public partial class SealedSlot : SlotBase
{
    public string? Label { get; set; }
}

/// <summary>Polymorphic members one level down and in a dictionary (NotSupportedWriteOracleTests).</summary>
[VelithonJson]
public partial class ZooHolder
{
    public Zoo? Inner { get; set; }

    public Dictionary<string, Shape>? Named { get; set; }

    public Gallery? Art { get; set; }
}

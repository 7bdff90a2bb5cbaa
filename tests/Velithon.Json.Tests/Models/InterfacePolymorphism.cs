using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Models;

// Polymorphic [VelithonJson] interfaces with System.Text.Json's own attributes; STJ (reflection and source generation,
// Web defaults) is the oracle. Each base shows one set of rules:
// - IFigure: string discriminators, a class and a record, FailSerialization;
// - IToken: integer discriminators under a custom name, FallBackToBaseType, IgnoreUnrecognizedTypeDiscriminators;
// - INode: FallBackToNearestAncestor, an inherited interface's property, nested through a member of a derived type.

/// <summary>String discriminators; an unlisted runtime type fails.</summary>
[VelithonJson]
[JsonDerivedType(typeof(Disc), "disc")]
[JsonDerivedType(typeof(Rect), "rect")]
public partial interface IFigure
{
    string? Label { get; }
}

[VelithonJson]
public partial class Disc : IFigure
{
    public string? Label { get; set; }

    public double Radius { get; set; }
}

[VelithonJson]
public partial record Rect(string? Label, int Width, int Height) : IFigure;

/// <summary>Not listed: FailSerialization.</summary>
[VelithonJson]
public partial class Blob : IFigure
{
    public string? Label { get; set; }
}

/// <summary>Integer discriminators under a custom name; unknown runtime types write the interface's own properties.</summary>
[VelithonJson]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToBaseType, IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(Word), 1)]
[JsonDerivedType(typeof(Number), 2)]
public partial interface IToken
{
    int Position { get; set; }
}

[VelithonJson]
public partial class Word : IToken
{
    public int Position { get; set; }

    public string? Text { get; set; }
}

[VelithonJson]
public partial class Number : IToken
{
    public int Position { get; set; }

    public long Value { get; set; }
}

/// <summary>Not listed: written as an IToken (its Position only, no discriminator).</summary>
public class Symbol : IToken
{
    public int Position { get; set; }

    public char Glyph { get; set; }
}

/// <summary>A property the polymorphic interface inherits: written after its own, as STJ orders an interface hierarchy.</summary>
public interface IHasId
{
    string? Id { get; }
}

/// <summary>Nearest listed ancestor for unlisted runtime types; the interface's own contract when there is none.</summary>
[VelithonJson]
[JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)]
[JsonDerivedType(typeof(Leaf), "leaf")]
[JsonDerivedType(typeof(Branch), "branch")]
[JsonDerivedType(typeof(Twig), "twig")]
public partial interface INode : IHasId
{
    int Depth { get; }
}

[VelithonJson]
public partial class Leaf : INode
{
    public string? Id { get; set; }

    public int Depth { get; set; }

    public string? Payload { get; set; }
}

/// <summary>Nested: its children are INodes again.</summary>
[VelithonJson]
public partial class Branch : INode
{
    public string? Id { get; set; }

    public int Depth { get; set; }

    public List<INode>? Children { get; set; }
}

/// <summary>Listed and derived from a listed class: its own discriminator; the nearest ancestor of <see cref="BigTwig"/>.</summary>
[VelithonJson]
public partial class Twig : Leaf
{
    public int Thorns { get; set; }
}

/// <summary>Not listed: written as a Twig, not as a Leaf.</summary>
public class BigTwig : Twig
{
    public int Knots { get; set; }
}

/// <summary>Not listed: written as a Leaf (its nearest listed ancestor).</summary>
public class BigLeaf : Leaf
{
    public int Size { get; set; }
}

/// <summary>Not listed and no listed ancestor: written with INode's own properties.</summary>
public class Stray : INode
{
    public string? Id { get; set; }

    public int Depth { get; set; }

    public bool Lost { get; set; }
}

/// <summary>The interfaces in every place a member can be.</summary>
[VelithonJson]
public partial class Gallery
{
    public IFigure? Featured { get; set; }

    public List<IFigure>? Figures { get; set; }

    public IFigure?[]? Framed { get; set; }

    public Dictionary<string, IToken?>? Tokens { get; set; }

    public INode? Root { get; set; }

    public List<INode>? Nodes { get; set; }
}

/// <summary>STJ source generation with the same attributes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Gallery))]
[JsonSerializable(typeof(List<IFigure>))]
public partial class InterfacePolymorphismStjContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Models;

// Closed generic types as derived types of a polymorphic base ([JsonDerivedType(typeof(Slot<int>))]): System.Text.Json
// accepts them (an open one, typeof(Slot<>), it refuses). Slot<T>'s code is shared by every closure; a closure the base
// does not list (Slot<long>) is an unlisted runtime type. STJ (Web defaults) is the oracle.

/// <summary>An abstract base listing closures of generic types, with string and integer discriminators.</summary>
[VelithonJson]
[JsonDerivedType(typeof(Slot<int>), "int")]
[JsonDerivedType(typeof(Slot<string>), "text")]
[JsonDerivedType(typeof(Slot<List<int>>), "ints")]
[JsonDerivedType(typeof(Duo<int, Slot<int>>), 3)]
public abstract partial class Crate
{
    public string? Label { get; set; }
}

[VelithonJson]
public partial class Slot<T> : Crate
{
    public T? Content { get; set; }
}

/// <summary>Read through a constructor: its arguments are type arguments.</summary>
[VelithonJson]
public partial class Duo<TLeft, TRight> : Crate
{
    public Duo(TLeft left, TRight right)
    {
        Left = left;
        Right = right;
    }

    public TLeft Left { get; }

    public TRight Right { get; }
}

/// <summary>The base as members and elements.</summary>
[VelithonJson]
public partial class CrateHolder
{
    public Crate? Single { get; set; }

    public List<Crate?>? Many { get; set; }

    public Slot<int>? Direct { get; set; }
}

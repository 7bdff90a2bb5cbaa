using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Models;

// Polymorphic hierarchies compiled with AllowOutOfOrderMetadataProperties = true: the discriminator may stand anywhere
// in the object. STJ with the Web defaults and that setting is the oracle. Each base shows one set of rules:
// - LooseShape: abstract, string discriminators, a positional record among the derived types;
// - LooseAnimal: concrete, integer discriminators under a custom name ("kind");
// - LooseVehicle: lists itself, IgnoreUnrecognizedTypeDiscriminators;
// - ILooseToken: an interface base.

/// <summary>An abstract base with string discriminators.</summary>
[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
[JsonDerivedType(typeof(LooseCircle), "circle")]
[JsonDerivedType(typeof(LooseSquare), "square")]
[JsonDerivedType(typeof(LoosePoint), "point")]
public abstract partial record LooseShape
{
    public string? Name { get; set; }
}

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial record LooseCircle : LooseShape
{
    public double Radius { get; set; }
}

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial record LooseSquare : LooseShape
{
    public int Side { get; set; }

    public List<string?>? Tags { get; set; }
}

/// <summary>Read through its constructor: STJ reads the arguments first, the other members after.</summary>
[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial record LoosePoint(int X, int Y) : LooseShape;

/// <summary>A concrete base with integer discriminators under a custom name.</summary>
[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(LooseDog), 1)]
[JsonDerivedType(typeof(LooseCat), 2)]
public partial record LooseAnimal
{
    public int Legs { get; set; }

    public string? Name { get; set; }
}

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial record LooseDog : LooseAnimal
{
    public bool Barks { get; set; }
}

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial record LooseCat : LooseAnimal
{
    public int Lives { get; set; }

    public LooseShape? Toy { get; set; }
}

/// <summary>Lists itself; unknown discriminators read it.</summary>
[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
[JsonPolymorphic(IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(LooseVehicle), "vehicle")]
[JsonDerivedType(typeof(LooseCar), "car")]
public partial record LooseVehicle
{
    public int Wheels { get; set; }
}

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial record LooseCar : LooseVehicle
{
    public string? Model { get; set; }
}

/// <summary>An interface base: no discriminator, or an ignored one, is STJ's NotSupportedException.</summary>
[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "t")]
[JsonDerivedType(typeof(LooseWord), "w")]
[JsonDerivedType(typeof(LooseNumber), "n")]
public partial interface ILooseToken
{
    int Position { get; set; }
}

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial record LooseWord : ILooseToken
{
    public int Position { get; set; }

    public string? Text { get; set; }
}

[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial record LooseNumber : ILooseToken
{
    public int Position { get; set; }

    public long Value { get; set; }
}

/// <summary>The bases in every place a member can be.</summary>
[VelithonJson(AllowOutOfOrderMetadataProperties = true)]
public partial record LooseZoo
{
    public LooseShape? Featured { get; set; }

    public List<LooseShape?>? Shapes { get; set; }

    public LooseAnimal[]? Animals { get; set; }

    public Dictionary<string, LooseVehicle?>? Garage { get; set; }

    public List<ILooseToken>? Tokens { get; set; }
}

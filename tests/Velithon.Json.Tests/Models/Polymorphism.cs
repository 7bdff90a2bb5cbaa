using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Models;

// Polymorphic [VelithonJson] hierarchies with System.Text.Json's own attributes; STJ (reflection and source generation,
// Web defaults) is the oracle. Each base shows one set of rules:
// - Shape: abstract, string discriminators, one derived type listed without a discriminator (written, never read as it);
// - Animal: concrete, integer discriminators under a custom property name ("kind");
// - Vehicle: lists itself, FallBackToBaseType, IgnoreUnrecognizedTypeDiscriminators;
// - Party: FallBackToNearestAncestor with an abstract listed type and a derived type that is polymorphic itself.

/// <summary>An abstract base with string discriminators.</summary>
[VelithonJson]
[JsonDerivedType(typeof(Circle), "circle")]
[JsonDerivedType(typeof(Square), "square")]
[JsonDerivedType(typeof(Triangle))]
public abstract partial class Shape
{
    public string? Name { get; set; }
}

[VelithonJson]
public partial class Circle : Shape
{
    public double Radius { get; set; }
}

[VelithonJson]
public partial class Square : Shape
{
    public int Side { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Tags { get; set; }
}

/// <summary>Listed without a discriminator: written with its own contract, read only as what the base reads.</summary>
[VelithonJson]
public partial class Triangle : Shape
{
    public int A { get; set; }
}

/// <summary>A Shape the base does not list: FailSerialization.</summary>
[VelithonJson]
public partial class Hexagon : Shape
{
    public int Size { get; set; }
}

/// <summary>A concrete base with integer discriminators under a custom name.</summary>
[VelithonJson]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Dog), 1)]
[JsonDerivedType(typeof(Cat), 2)]
public partial class Animal
{
    public int Legs { get; set; }

    public string? Name { get; set; }
}

[VelithonJson]
public partial class Dog : Animal
{
    public bool Barks { get; set; }
}

[VelithonJson]
public partial class Cat : Animal
{
    public int Lives { get; set; }
}

/// <summary>Not listed (a subclass of a listed type): FailSerialization even so.</summary>
public class Puppy : Dog;

/// <summary>Lists itself; unknown runtime types fall back to it, unknown discriminators read it.</summary>
[VelithonJson]
[JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToBaseType, IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(Vehicle), "vehicle")]
[JsonDerivedType(typeof(Car), "car")]
public partial class Vehicle
{
    public int Wheels { get; set; }
}

[VelithonJson]
public partial class Car : Vehicle
{
    public string? Model { get; set; }
}

/// <summary>Not listed: written as a Vehicle (FallBackToBaseType), with the Vehicle discriminator.</summary>
public class SportsCar : Car
{
    public int TopSpeed { get; set; }
}

/// <summary>Nearest listed ancestor for unlisted runtime types.</summary>
[VelithonJson]
[JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)]
[JsonDerivedType(typeof(Employee), "employee")]
[JsonDerivedType(typeof(Staff), "staff")]
[JsonDerivedType(typeof(Manager), "manager")]
public partial class Party
{
    public string? Id { get; set; }
}

[VelithonJson]
public partial class Employee : Party
{
    public int Grade { get; set; }
}

/// <summary>Abstract and listed: the nearest ancestor of <see cref="Engineer"/>.</summary>
[VelithonJson]
public abstract partial class Staff : Employee
{
    public string? Team { get; set; }
}

/// <summary>Not listed: written as a Staff.</summary>
public class Engineer : Staff
{
    public string? Language { get; set; }
}

/// <summary>Listed by Party and polymorphic itself: through Party it is written and read with Party's rules.</summary>
[VelithonJson]
[JsonDerivedType(typeof(Director), "director")]
public partial class Manager : Employee
{
    public int Reports { get; set; }
}

[VelithonJson]
public partial class Director : Manager
{
    public string? Board { get; set; }
}

/// <summary>A derived type built through its constructor: read through the base, STJ reads its other members in place.</summary>
[VelithonJson]
[JsonDerivedType(typeof(PinMarker), "pin")]
public partial record Marker
{
    public string? Note { get; set; }
}

[VelithonJson]
public partial record PinMarker(int X, int Y) : Marker
{
    public List<int>? Weights { get; set; }
}

/// <summary>The bases in every place a member can be.</summary>
[VelithonJson]
public partial class Zoo
{
    public Shape? Featured { get; set; }

    public List<Shape>? Shapes { get; set; }

    public Animal[]? Animals { get; set; }

    public Dictionary<string, Animal?>? ByName { get; set; }

    public List<Vehicle?>? Vehicles { get; set; }

    public Party? Owner { get; set; }

    public List<Party>? People { get; set; }

    public Manager? Boss { get; set; }
}

/// <summary>STJ source generation with the same attributes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Zoo))]
[JsonSerializable(typeof(List<Shape>))]
public partial class PolymorphismStjContext : JsonSerializerContext;

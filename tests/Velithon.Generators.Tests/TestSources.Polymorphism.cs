namespace Velithon.Generators.Tests;

internal static partial class TestSources
{
    /// <summary>A polymorphic hierarchy: an abstract base, string and no discriminators, a custom name, FallBackToNearestAncestor.</summary>
    public const string Polymorphism = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [VelithonJson]
        [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)]
        [JsonDerivedType(typeof(Circle), "circle")]
        [JsonDerivedType(typeof(Square), 2)]
        [JsonDerivedType(typeof(Plain))]
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
        }

        [VelithonJson]
        public partial class Plain : Shape
        {
        }

        [VelithonJson]
        public partial class Drawing
        {
            public List<Shape> Shapes { get; set; } = new();
        }
        """;

    /// <summary>An interface base: int discriminators under a custom name, a record, FallBackToNearestAncestor, an inherited interface's property.</summary>
    public const string InterfacePolymorphism = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        public interface INamed
        {
            string? Name { get; }
        }

        [VelithonJson]
        [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)]
        [JsonDerivedType(typeof(Dot), 1)]
        [JsonDerivedType(typeof(Line), 2)]
        public partial interface IMark : INamed
        {
            int Weight { get; set; }
        }

        [VelithonJson]
        public partial class Dot : IMark
        {
            public string? Name { get; set; }

            public int Weight { get; set; }
        }

        [VelithonJson]
        public partial record Line(string? Name, int Weight, double Length) : IMark
        {
            public int Weight { get; set; } = Weight;
        }

        [VelithonJson]
        public partial class Sketch
        {
            public IMark? Main { get; set; }

            public List<IMark> Marks { get; set; } = new();

            public Dictionary<string, IMark>? ByName { get; set; }
        }
        """;
}

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
}

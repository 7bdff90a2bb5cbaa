using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>Values of the plain types (Models/PlainTypes.cs) and of the [VelithonJson] types that reach them.</summary>
internal static class PlainGenerators
{
    public static readonly Gen<PlainAddress> Address = Gen.Select(Generators.NullableString, Gen.Int, Generators.Double.Nullable(0.3), Gen.Enum<PlainKind>(),
        (street, number, latitude, kind) => new PlainAddress { Street = street, Number = number, Latitude = latitude, Kind = kind });

    public static readonly Gen<PlainPoint> Point = Gen.Select(Gen.Int, Gen.Int, Generators.NullableString, (x, y, label) => new PlainPoint(x, y, label));

    public static readonly Gen<PlainSize> Size = Gen.Select(Gen.Int, Gen.Int, (w, h) => new PlainSize { Width = w, Height = h });

    public static readonly Gen<PlainAttributed> Attributed = Gen.Select(Generators.NullableString, Gen.Int, Gen.Int, Generators.String, Gen.Long, Gen.Int, Generators.NullableString)
        .Select(t =>
        {
            var value = new PlainAttributed { Name = t.Item1, First = t.Item2, Needed = t.Item3, Code = t.Item4, Stamp = t.Item5, Optional = t.Item7, Hidden = 5, Internal = 6 };
            value.SetCounter(t.Item6);
            return value;
        });

    /// <summary>Chains and trees of plain nodes, at most 20 levels deep (the holder and the order add three).</summary>
    public static readonly Gen<PlainNode> Node = Gen.Int[0, 20].SelectMany(depth => NodeOfDepth(depth, 0));

    public static readonly Gen<PlainOrder> Order = Gen.Select(Address.Null(0.2), Point.List[0, 4].Null(0.2), CollectionGenerators.MapOf(Generators.Key, Size, 3), Node.Null(0.3),
        (ship, points, sizes, tree) => new PlainOrder { Ship = ship, Points = points, Sizes = sizes, Tree = tree });

    public static readonly Gen<PlainHolder> Holder = Gen.Select(
        Gen.Select(Address.Null(0.2), Point.Null(0.2), Size, Size.Nullable(0.4)),
        Gen.Select(Attributed.Null(0.3), Order.Null(0.3), Address.Null(0.2).List[0, 4].Null(0.2)),
        Gen.Select(Point.Array[0, 3].Null(0.3), CollectionGenerators.MapOf(Generators.Key, Point, 3)),
        (a, b, c) => new PlainHolder
        {
            Address = a.Item1,
            Point = a.Item2,
            Size = a.Item3,
            MaybeSize = a.Item4,
            Attributed = b.Item1,
            Order = b.Item2,
            Addresses = b.Item3,
            PointArray = c.Item1,
            PointsByName = c.Item2,
        });

    public static readonly Gen<PlainInRecord> Record = Gen.Select(Gen.Int, Point.Null(0.3), Size.List[0, 3].Null(0.3), (id, where, sizes) => new PlainInRecord(id, where, sizes));

    public static readonly Gen<PlainFields> Fields = Gen.Select(Gen.Int[-50000, 50000], Gen.Int[-50000, 50000], (w, h) => new PlainFields { Width = w, Height = h });

    public static readonly Gen<PlainSnakeItem> SnakeItem = Gen.Select(Gen.Int, Generators.NullableString, Fields,
        (count, name, dimensions) => new PlainSnakeItem { ItemCount = count, DisplayName = name, Dimensions = dimensions });

    public static readonly Gen<PlainSnakeHolder> SnakeHolder = Gen.Select(SnakeItem.Null(0.2), SnakeItem.List[0, 4].Null(0.2), Fields,
        (main, others, size) => new PlainSnakeHolder { MainItem = main, OtherItems = others, Size = size });

    public static readonly Gen<PlainIndentedHolder> IndentedHolder = Gen.Select(Address.Null(0.2), Point.List[0, 3].Null(0.2), Order.Null(0.3),
        (address, points, order) => new PlainIndentedHolder { Address = address, Points = points, Order = order });

    private static Gen<PlainNode> NodeOfDepth(int remaining, int level) =>
        remaining == 0
            ? Gen.Int.Select(v => new PlainNode { Value = v })
            : Gen.Bool.SelectMany(chain => chain
                ? Gen.Select(Gen.Int, NodeOfDepth(remaining - 1, level + 1), (v, next) => new PlainNode { Value = v, Next = next })
                : Gen.Select(Gen.Int, NodeOfDepth(remaining - 1, level + 1).List[0, level < 2 ? 2 : 1], (v, children) => new PlainNode { Value = v, Children = children.Count == 0 ? null : children }));
}

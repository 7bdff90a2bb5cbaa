namespace Velithon.Sample;

/// <summary>
/// A product catalogue whose listing is expensive enough to be worth caching: <c>GET /catalogue</c> is a
/// <c>[VelithonCached]</c> endpoint, and <see cref="Reprice"/> (behind <c>POST /catalogue/reprice</c>) evicts it by tag.
/// </summary>
internal sealed class Catalogue
{
    private static readonly string[] CategoryCycle = [Categories.Tea, Categories.Coffee, Categories.Cocoa];
    private static readonly string[] CountryCycle = [Countries.Japan, Countries.Brazil, Countries.India, Countries.France];

    private Product[] _products = Build(priceFactor: 1.00m);
    private int _listings;

    /// <summary>How many times a listing was actually rendered (a cache hit does not count).</summary>
    public int Listings => Volatile.Read(ref _listings);

    /// <summary>The products of <paramref name="category"/>, or all of them when it is null or empty.</summary>
    public Product[] List(string? category)
    {
        Interlocked.Increment(ref _listings);
        Product[] products = Volatile.Read(ref _products);
        return string.IsNullOrEmpty(category)
            ? products
            : Array.FindAll(products, p => string.Equals(p.Category, category, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Raises every price by 5 %; the caller evicts the cached listings.</summary>
    public void Reprice()
    {
        Product[] current = Volatile.Read(ref _products);
        Volatile.Write(ref _products, Array.ConvertAll(current, p => p with { Price = decimal.Round(p.Price * 1.05m, 2) }));
    }

    private static Product[] Build(decimal priceFactor) =>
        Enumerable.Range(1, 60).Select(id => new Product(
            id,
            $"Product {id}",
            CategoryCycle[id % CategoryCycle.Length],
            CountryCycle[id % CountryCycle.Length],
            decimal.Round((3.5m + id % 17) * priceFactor, 2),
            InStock: id % 5 != 0)).ToArray();
}

/// <summary>A catalogue entry. Category and origin are resolved through compile-time tables when read from JSON.</summary>
[VelithonJson]
public sealed partial record Product(
    int Id,
    string Name,
    [property: Interned(typeof(Categories))] string Category,
    [property: Interned(typeof(Countries))] string Origin,
    decimal Price,
    bool InStock);

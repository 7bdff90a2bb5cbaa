using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Integration;

/// <summary>A numeric enum (no attribute): a global <c>JsonStringEnumConverter</c> would change how it is written.</summary>
public enum Tier
{
    Basic,
    Gold,
    Platinum,
}

/// <summary>A type with an enum, nested types, a list, a dictionary and a double.</summary>
[VelithonJson]
public partial record Contact(int Id, string Name, Tier Tier, List<Address> Addresses, Dictionary<string, int>? Scores, double Ratio);

/// <summary>A nested type.</summary>
[VelithonJson]
public partial record Address(string City, string? Zip);

/// <summary>No enum, no DateTime: converters for those do not apply to it.</summary>
[VelithonJson]
public partial record Note(int Id, string Text);

/// <summary>A name the relaxed encoder escapes differently than it was pre-escaped (non-ASCII and HTML-sensitive).</summary>
[VelithonJson]
public partial record OddName([property: JsonPropertyName("zoë<id>")] int Id);

/// <summary>Only its nested type has such a name.</summary>
[VelithonJson]
public partial record HoldsOddName(OddName Inner);

/// <summary>A self-referencing chain, for depth limits.</summary>
[VelithonJson]
public partial class Link
{
    public int N { get; set; }

    public Link? Next { get; set; }

    public static Link Chain(int length)
    {
        var head = new Link { N = 0 };
        Link current = head;
        for (int i = 1; i < length; i++)
        {
            current.Next = new Link { N = i };
            current = current.Next;
        }

        return head;
    }
}

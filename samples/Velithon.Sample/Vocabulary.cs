namespace Velithon.Sample;

/// <summary>
/// The sample's known roles: the generator builds a compile-time lookup from UTF-8 bytes or chars to these constants,
/// so a role read from a request body or a database comes back as the one shared instance without allocating.
/// </summary>
[InternedStrings]
public static partial class Roles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Viewer = "viewer";
    public const string Billing = "billing";
}

/// <summary>The country codes the sample's users and products use; a compile-time table like <see cref="Roles"/>.</summary>
[InternedStrings]
public static partial class Countries
{
    public const string Germany = "DE";
    public const string France = "FR";
    public const string Japan = "JP";
    public const string UnitedStates = "US";
    public const string Brazil = "BR";
    public const string India = "IN";
}

/// <summary>Product categories of the catalogue.</summary>
[InternedStrings]
public static partial class Categories
{
    public const string Tea = "tea";
    public const string Coffee = "coffee";
    public const string Cocoa = "cocoa";
}

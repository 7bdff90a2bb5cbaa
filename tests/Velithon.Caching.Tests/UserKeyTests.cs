using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Velithon.AspNetCore.Caching;
using Xunit.Abstractions;

namespace Velithon.Caching.Tests;

/// <summary>The <c>u</c> part of a <c>VaryByUser</c> key: what it covers, its format (Redis keys depend on it) and what it allocates.</summary>
public sealed class UserKeyTests(ITestOutputHelper output)
{
    private static readonly CachePolicy s_perUser = CachePolicy.From(new VelithonCachedAttribute { VaryByUser = true });

    [Fact]
    public void The_user_part_is_the_hex_SHA256_of_every_identity_and_every_claim_in_ordinal_order()
    {
        var user = new ClaimsPrincipal(
        [
            new ClaimsIdentity([new Claim("sub", "42", ClaimValueTypes.String, "https://idp"), new Claim(ClaimTypes.Name, "alice")], "Bearer"),
            new ClaimsIdentity([new Claim("tenant", "t1")]), // not authenticated: its claims count too
        ]);

        string text =
            "|P|I1|a6:Bearer|n" + ClaimsIdentity.DefaultNameClaimType.Length + ":" + ClaimsIdentity.DefaultNameClaimType
            + "|r" + ClaimsIdentity.DefaultRoleClaimType.Length + ":" + ClaimsIdentity.DefaultRoleClaimType + "|l0:|k2"
            + Claim(ClaimTypes.Name, "alice", ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer)
            + Claim("sub", "42", ClaimValueTypes.String, "https://idp")
            + "|P|I0|a0:|n" + ClaimsIdentity.DefaultNameClaimType.Length + ":" + ClaimsIdentity.DefaultNameClaimType
            + "|r" + ClaimsIdentity.DefaultRoleClaimType.Length + ":" + ClaimsIdentity.DefaultRoleClaimType + "|l0:|k1"
            + Claim("tenant", "t1", ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer);
        string expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        Assert.EndsWith("|r0|u64:" + expected, KeyOf(user), StringComparison.Ordinal);

        static string Claim(string type, string value, string valueType, string issuer) =>
            $"|t{type.Length}:{type}|v{value.Length}:{value}|y{valueType.Length}:{valueType}|s{issuer.Length}:{issuer}|o{issuer.Length}:{issuer}";
    }

    [Fact]
    public void Principals_with_only_a_sub_claim_get_different_keys()
    {
        // A JWT read with MapInboundClaims = false: no Name, no NameIdentifier, only "sub". These once shared an entry.
        static ClaimsPrincipal Jwt(string sub) => new(new ClaimsIdentity([new Claim("sub", sub), new Claim("scope", "read")], "Bearer"));
        Assert.NotEqual(KeyOf(Jwt("alice")), KeyOf(Jwt("bob")));
    }

    [Fact]
    public void Any_difference_in_any_claim_gives_another_key()
    {
        // Property: two principals built from random claims share the user part only when they hold the same claims
        // (in any order) with the same identity settings; "anonymous" is only the principal with no identity data at all.
        Gen<string> text = Gen.OneOf(Gen.Const(string.Empty), Gen.String[Gen.Char['a', 'd'], 1, 3], Gen.String);
        Gen<(string Type, string Value, string Issuer, bool Typed)> claim = Gen.Select(text, text, Gen.OneOf(Gen.Const(ClaimsIdentity.DefaultIssuer), text), Gen.Bool);
        Gen<(string? Scheme, (string, string, string, bool)[] Claims)> identity = Gen.Select(Gen.Int[0, 2].Select(i => i switch { 0 => (string?)null, 1 => "Bearer", _ => "Cookies" }), claim.Array[0, 4]);
        Gen<(string? Scheme, (string, string, string, bool)[] Claims)[]> principal = identity.Array[1, 3];

        Gen.Select(principal, principal).Sample((a, b) =>
        {
            bool same = Canonical(a) == Canonical(b);
            Assert.Equal(same, KeyOf(Build(a)) == KeyOf(Build(b)));
        }, iter: 4_000);

        // And a principal against itself with its claims shuffled: the same key.
        principal.Sample(p =>
        {
            var shuffled = p.Select(i => (Scheme: (string?)i.Scheme, Claims: i.Claims.Reverse().ToArray())).ToArray();
            Assert.Equal(KeyOf(Build(p)), KeyOf(Build(shuffled)));
        }, iter: 1_000);

        static ClaimsPrincipal Build((string? Scheme, (string Type, string Value, string Issuer, bool Typed)[] Claims)[] identities) =>
            new(identities.Select(i => new ClaimsIdentity(
                i.Claims.Select(c => new Claim(c.Type, c.Value, c.Typed ? ClaimValueTypes.Integer : ClaimValueTypes.String, c.Issuer)),
                i.Scheme)));

        static string Canonical((string? Scheme, (string Type, string Value, string Issuer, bool Typed)[] Claims)[] identities) =>
            identities.All(i => i.Scheme is null && i.Claims.Length == 0) ? "anonymous" : string.Join("\u0001", identities.Select(i => (i.Scheme ?? "\u0002") + "\u0003" + string.Join("\u0004", i.Claims
                .Select(c => (c.Type, c.Value, Issuer: IssuerOf(c.Issuer), c.Typed))
                .Select(c => $"{c.Type.Length}:{c.Type}{c.Value.Length}:{c.Value}{c.Issuer.Length}:{c.Issuer}{c.Typed}")
                .Order(StringComparer.Ordinal))));

        // Claim's constructor stores an empty issuer as DefaultIssuer, so "" and "LOCAL AUTHORITY" are one claim.
        static string IssuerOf(string issuer) => issuer.Length == 0 ? ClaimsIdentity.DefaultIssuer : issuer;
    }

    [Fact]
    public void Identity_settings_and_the_actor_chain_are_part_of_the_key()
    {
        ClaimsIdentity Alice(string nameType = ClaimsIdentity.DefaultNameClaimType) => new([new Claim("sub", "alice")], "Bearer", nameType, ClaimsIdentity.DefaultRoleClaimType);
        string plain = KeyOf(new ClaimsPrincipal(Alice()));
        Assert.NotEqual(plain, KeyOf(new ClaimsPrincipal(Alice("sub"))));

        ClaimsIdentity acting = Alice();
        acting.Actor = new ClaimsIdentity([new Claim("sub", "admin")], "Bearer");
        Assert.NotEqual(plain, KeyOf(new ClaimsPrincipal(acting)));
        ClaimsIdentity actingOther = Alice();
        actingOther.Actor = new ClaimsIdentity([new Claim("sub", "support")], "Bearer");
        Assert.NotEqual(KeyOf(new ClaimsPrincipal(acting)), KeyOf(new ClaimsPrincipal(actingOther)));
    }

    [Fact]
    public void Anonymous_users_share_one_part_and_a_long_identity_still_hashes()
    {
        Assert.EndsWith("|r0|u9:anonymous", KeyOf(new ClaimsPrincipal(new ClaimsIdentity())), StringComparison.Ordinal);

        string name = new('n', 5000);
        var a = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "Bearer"));
        var b = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name + "x")], "Bearer"));
        Assert.Matches("\\|u64:[0-9A-F]{64}$", KeyOf(a));
        Assert.NotEqual(KeyOf(a), KeyOf(b));

        // Many claims: past the stack buffers and the first pooled array.
        var many = new ClaimsPrincipal(new ClaimsIdentity(Enumerable.Range(0, 500).Select(i => new Claim("role", "r" + i)), "Bearer"));
        var manyOther = new ClaimsPrincipal(new ClaimsIdentity(Enumerable.Range(0, 500).Select(i => new Claim("role", i == 499 ? "x" : "r" + i)), "Bearer"));
        Assert.NotEqual(KeyOf(many), KeyOf(manyOther));
    }

    [Fact]
    public void Two_users_whose_parts_look_alike_get_different_keys()
    {
        var a = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "a|t1:b")], "x"));
        var b = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "a")], "x|t1:b"));
        Assert.NotEqual(KeyOf(a), KeyOf(b));
    }

    [Fact]
    public void Writing_the_user_part_allocates_only_what_reading_the_claims_does()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice"), new Claim("scope", "read"), new Claim(ClaimTypes.Name, "alice"), new Claim(ClaimTypes.NameIdentifier, "42")], "Bearer"));
        for (int i = 0; i < 100; i++)
        {
            Write(user);
        }

        const int Runs = 1_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Runs; i++)
        {
            Write(user);
        }

        double perKey = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / Runs;
        output.WriteLine($"{perKey:0.#} B per user part");

        // ClaimsPrincipal.Identities and ClaimsIdentity.Claims enumerate through interfaces (boxed enumerators and the
        // Claims iterator: what is left); the claims are sorted in a pooled array, and the text, hash and hex are written
        // into stack buffers.
        Assert.True(perKey <= 200, $"{perKey:0.#} B per user part");

        static void Write(ClaimsPrincipal user)
        {
            var key = new KeyWriter(stackalloc char[CacheKeyBuilder.StackChars]);
            UserKey.Append(ref key, user);
            key.Dispose();
        }
    }

    private static string KeyOf(ClaimsPrincipal user)
    {
        var context = new DefaultHttpContext { User = user };
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("h");
        context.Request.Path = "/p";
        return CacheKeyBuilder.Build(context, s_perUser);
    }
}

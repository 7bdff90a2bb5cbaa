using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

/// <summary>
/// How a list or dictionary of <typeparamref name="T"/> is laid out when it is the whole document: System.Text.Json
/// writes the collection with the same options as its elements, so it takes <typeparamref name="T"/>'s compiled
/// indentation and dictionary key policy. Computed once per element type.
/// </summary>
/// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
internal static class JsonRootLayout<T>
    where T : IVelithonJson<T>
{
    /// <summary>Gets the indentation <typeparamref name="T"/> was compiled with, or <see langword="null"/> when it is written compact.</summary>
    public static JsonIndentation? Indentation { get; } = CreateIndentation(T.JsonContract);

    /// <summary>Gets the dictionary key policy <typeparamref name="T"/> was compiled with.</summary>
    /// <exception cref="NotSupportedException">The contract names a policy that is not a <see cref="JsonKnownNamingPolicy"/>.</exception>
    public static JsonKnownNamingPolicy KeyPolicy => KnownKeyPolicy ?? throw new NotSupportedException(
        $"{typeof(T)} declares a DictionaryKeyPolicy ({T.JsonContract.DictionaryKeyPolicy?.GetType()}) that VelithonJson cannot apply to dictionary keys; only the JsonKnownNamingPolicy policies are supported.");

    /// <summary>Gets the name System.Text.Json gives <c>List&lt;T&gt;</c> in its errors.</summary>
    public static string ListTypeName { get; } = typeof(List<T>).ToString();

    /// <summary>Gets the name System.Text.Json gives <c>T[]</c> in its errors.</summary>
    public static string ArrayTypeName { get; } = typeof(T[]).ToString();

    /// <summary>Gets the name System.Text.Json gives <c>Dictionary&lt;string, T&gt;</c> in its errors.</summary>
    public static string DictionaryTypeName { get; } = typeof(Dictionary<string, T>).ToString();

    // Null for a policy the runtime cannot apply (the generator compiles only the known ones; a hand-written contract
    // could name another), which fails when a dictionary is written instead of writing other keys.
    private static readonly JsonKnownNamingPolicy? KnownKeyPolicy = KnownPolicy(T.JsonContract.DictionaryKeyPolicy);

    private static JsonIndentation? CreateIndentation(VelithonJsonContract contract) =>
        contract.WriteIndented ? JsonIndentation.Create(contract.IndentCharacter, contract.IndentSize, contract.NewLine) : null;

    private static JsonKnownNamingPolicy? KnownPolicy(JsonNamingPolicy? policy)
    {
        if (policy is null)
        {
            return JsonKnownNamingPolicy.Unspecified;
        }

        foreach (JsonKnownNamingPolicy known in (ReadOnlySpan<JsonKnownNamingPolicy>)[
            JsonKnownNamingPolicy.CamelCase,
            JsonKnownNamingPolicy.SnakeCaseLower,
            JsonKnownNamingPolicy.SnakeCaseUpper,
            JsonKnownNamingPolicy.KebabCaseLower,
            JsonKnownNamingPolicy.KebabCaseUpper])
        {
            if (ReferenceEquals(JsonKeyNaming.Policy(known), policy))
            {
                return known;
            }
        }

        return null;
    }
}

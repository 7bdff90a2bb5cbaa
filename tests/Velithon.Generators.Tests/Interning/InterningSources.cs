namespace Velithon.Generators.Tests.Interning;

/// <summary>Inputs of the <c>[InternedStrings]</c> generator tests.</summary>
internal static class InterningSources
{
    public const string Small = """
        using Velithon;

        namespace Demo;

        [InternedStrings]
        public static partial class HeaderNames
        {
            public const string Accept = "Accept";
            public const string AcceptEncoding = "Accept-Encoding";
            public const string ContentType = "Content-Type";
            public const string ContentLength = "Content-Length";
            public const string Host = "Host";
            internal const string Quote = "say \"hi\"\\";
            private const string Empty = "";

            // Named like a parameter of TryGet and like a keyword.
            private const string chars = "chars";
            public const string @class = "class";

            // Not entries: a field of another type that is not const, and a method.
            private static int s_lookups;

            public static int Lookups() => s_lookups++;
        }
        """;

    /// <summary>Eighteen values of length 3 in one class nested in another: the lookup switches on a position.</summary>
    public const string Large = """
        using Velithon;

        namespace Demo.Geo;

        public static partial class Codes
        {
            [InternedStrings]
            internal static partial class Countries
            {
                public const string Usa = "USA";
                public const string Gbr = "GBR";
                public const string Fra = "FRA";
                public const string Deu = "DEU";
                public const string Ita = "ITA";
                public const string Esp = "ESP";
                public const string Nld = "NLD";
                public const string Bel = "BEL";
                public const string Che = "CHE";
                public const string Aut = "AUT";
                public const string Swe = "SWE";
                public const string Nor = "NOR";
                public const string Dnk = "DNK";
                public const string Fin = "FIN";
                public const string Pol = "POL";
                public const string Prt = "PRT";
                public const string Irl = "IRL";
                public const string Grc = "GRC";
                public const string Poland = "Poland";
            }
        }
        """;

    /// <summary>Non-ASCII values whose UTF-8 byte lengths differ from their char lengths; in the global namespace.</summary>
    public const string NonAscii = """
        using Velithon;

        [InternedStrings]
        public static partial class Words
        {
            public const string Cafe = "cafe";
            public const string CafeAccent = "café";
            public const string Naive = "naïve";
            public const string Japan = "日本";
            public const string Grin = "😀";
            public const string Greek = "αβγ";
            public const string Ab = "ab";
            public const string Abcdef = "abcdef";
        }
        """;

    public const string Diagnostics = """
        using Velithon;

        namespace Demo.Bad;

        [InternedStrings]
        public partial class NotStatic
        {
            public const string A = "a";
        }

        [InternedStrings]
        public static class NotPartial
        {
            public const string A = "a";
        }

        public class Holder
        {
            [InternedStrings]
            public static partial class InNonPartial
            {
                public const string A = "a";
            }
        }

        public partial class Generic<T>
        {
            [InternedStrings]
            public static partial class InGeneric
            {
                public const string A = "a";
            }
        }

        [InternedStrings]
        public static partial class Fields
        {
            public const string Ok = "ok";
            public static readonly string ReadOnly = "read-only";
            public static string Mutable = "mutable";
            public const int Number = 42;
            public const string? Nothing = null;
            public const string Again = "ok";
            public const string Lone = "x\uD800y";
            public const string Pair = "\uD83D\uDE00";
        }
        """;
}

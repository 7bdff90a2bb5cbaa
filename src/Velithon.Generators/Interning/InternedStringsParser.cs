using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Velithon.Generators.Common;

namespace Velithon.Generators.Interning;

/// <summary>Turns an <c>[InternedStrings]</c> class symbol into an <see cref="InternedStringsModel"/> plus diagnostics.</summary>
internal static class InternedStringsParser
{
    public static InternedStringsParseResult Parse(INamedTypeSymbol type, AttributeData? attribute, CancellationToken cancellationToken)
    {
        InternedStringsParseResult result = ParseClass(type, cancellationToken);
        if (attribute?.NamedArguments.FirstOrDefault(a => a.Key == "File").Value.Value is not string file)
        {
            return result;
        }

        LocationInfo? location = null;
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
        {
            AttributeArgumentSyntax? argument = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "File");
            location = LocationInfo.From((argument ?? (SyntaxNode)syntax).GetLocation());
        }

        var names = new List<string> { type.Name };
        names.AddRange(type.GetMembers().Select(m => m.Name).Where(n => n.Length != 0 && n[0] != '.'));
        var request = new InternedFileRequest(file, location, type.ToDisplayString(), names.Distinct(System.StringComparer.Ordinal).ToEquatableArray());
        return result with { File = request };
    }

    private static InternedStringsParseResult ParseClass(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string className = type.ToDisplayString();
        bool generate = true;

        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.GenericUnsupported, LocationInfo.From(type), className));
                return new InternedStringsParseResult(null, diagnostics.ToEquatableArray());
            }

            if (t.IsFileLocal)
            {
                diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.FileLocalUnsupported, LocationInfo.From(type), className));
                return new InternedStringsParseResult(null, diagnostics.ToEquatableArray());
            }
        }

        if (!type.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.ClassNotStatic, LocationInfo.From(type), className));
            generate = false;
        }

        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsPartial(t, cancellationToken))
            {
                diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.ClassNotPartial, LocationInfo.From(t), t.ToDisplayString(), className));
                generate = false;
            }
        }

        var entries = new List<InternedEntry>();
        var firstByValue = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IFieldSymbol field || field.IsImplicitlyDeclared)
            {
                continue;
            }

            LocationInfo? location = LocationInfo.From(field);
            bool isString = field.Type.SpecialType == SpecialType.System_String;
            if (!field.IsConst)
            {
                if (isString)
                {
                    string what = field.IsStatic && field.IsReadOnly ? "it is 'static readonly', not 'const'" : "it is not 'const'";
                    diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.NotAConstString, location, field.Name, className, what));
                }

                continue;
            }

            if (!isString)
            {
                if (field.Type.TypeKind != TypeKind.Error)
                {
                    diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.NotAConstString, location, field.Name, className,
                        "it is a constant of type '" + field.Type.ToDisplayString() + "'"));
                }

                continue;
            }

            if (!field.HasConstantValue)
            {
                continue; // the compiler reports the bad initializer
            }

            if (field.ConstantValue is not string value)
            {
                diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.NotAConstString, location, field.Name, className, "its value is null"));
                continue;
            }

            int surrogate = IndexOfLoneSurrogate(value);
            if (surrogate >= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.NoUtf8Form, location, field.Name, className,
                    ((int)value[surrogate]).ToString("X4", CultureInfo.InvariantCulture), surrogate.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            bool inTable = true;
            if (firstByValue.TryGetValue(value, out string? first))
            {
                diagnostics.Add(DiagnosticInfo.Create(InterningDiagnostics.DuplicateValue, location, first, field.Name, className, Printable(value)));
                inTable = false;
            }
            else
            {
                firstByValue.Add(value, field.Name);
            }

            entries.Add(new InternedEntry(field.Name, value, inTable));
        }

        if (!generate)
        {
            return new InternedStringsParseResult(null, diagnostics.ToEquatableArray());
        }

        var containing = new List<InternedContainingType>();
        for (INamedTypeSymbol? t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            containing.Insert(0, new InternedContainingType(Declaration(t), t.Name));
        }

        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        string path = string.Join(".", containing.Select(c => c.Name).Concat(new[] { type.Name }));
        string hintName = (ns.Length == 0 ? path : ns + "." + path) + ".InternedStrings.g.cs";
        var model = new InternedStringsModel(ns, type.Name, hintName, containing.ToEquatableArray(), entries.ToEquatableArray());
        return new InternedStringsParseResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>The index of the first UTF-16 surrogate that is not half of a high-low pair, or -1.</summary>
    internal static int IndexOfLoneSurrogate(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax syntax && syntax.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string Declaration(INamedTypeSymbol type)
    {
        string keyword;
        if (type.IsRecord)
        {
            keyword = type.IsValueType ? "record struct" : "record";
        }
        else
        {
            keyword = type.TypeKind switch
            {
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ => "class",
            };
        }

        string prefix = type.IsStatic ? "static " : type.IsRefLikeType ? "ref " : string.Empty;
        if (type.IsValueType && type.IsReadOnly)
        {
            prefix = "readonly " + prefix;
        }

        return prefix + "partial " + keyword;
    }

    /// <summary>The value as it appears in a message: control and other invisible characters as \uXXXX.</summary>
    private static string Printable(string value) => Json.JsonNames.CSharpLiteralBody(value);
}

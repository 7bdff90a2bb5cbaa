using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Velithon.CodeAnalysis;

namespace Velithon.Generators.Json;

/// <summary>
/// Whether a generic name may name a generic <c>[VelithonJson]</c> type, answered without binding it: the check
/// <see cref="GenericUsePipeline"/> makes before asking the semantic model about a <c>Foo&lt;Bar&gt;</c>. Binding every
/// generic name of a compilation cost 5-21 s a build on real libraries that use no <c>[VelithonJson]</c> type at all
/// (docs/analyzers.md); a name lookup costs next to nothing.
/// </summary>
internal static class GenericJsonTypeNames
{
    private const string MemoryAssemblyName = VelithonMetadataNames.MemoryAssembly;

    // Per referenced assembly (metadata symbols are shared by the compilations that reference the same file): the names
    // of its generic [VelithonJson] types. Only assemblies that reference Velithon.Memory can declare one.
    private static readonly ConditionalWeakTable<IAssemblySymbol, HashSet<string>> s_referenced = new();

    // Per compilation: the union over its references.
    private static readonly ConditionalWeakTable<Compilation, HashSet<string>> s_byCompilation = new();

    public static bool MayName(Compilation compilation, string name, int arity, CancellationToken cancellationToken)
    {
        if (s_byCompilation.GetValue(compilation, static c => FromReferences(c)).Contains(name))
        {
            return true;
        }

        // Declared in this compilation: the declaration table answers by name.
        foreach (ISymbol symbol in compilation.GetSymbolsWithName(name, SymbolFilter.Type, cancellationToken))
        {
            if (symbol is INamedTypeSymbol { Arity: > 0 } type && type.Arity == arity && IsVelithonJson(type))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> FromReferences(Compilation compilation)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            names.UnionWith(s_referenced.GetValue(assembly, static a => Declared(a)));
        }

        return names;
    }

    private static HashSet<string> Declared(IAssemblySymbol assembly)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        if (assembly.Name != MemoryAssemblyName && !assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == MemoryAssemblyName)))
        {
            return names;
        }

        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (ISymbol member in pending.Pop().GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    if (type.Arity > 0 && IsVelithonJson(type))
                    {
                        names.Add(type.Name);
                    }

                    pending.Push(type);
                }
            }
        }

        return names;
    }

    private static bool IsVelithonJson(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == OptionsReader.AttributeName);
}

using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

/// <summary>
/// Finds the closed generic <c>[VelithonJson]</c> types written anywhere in the compilation (<c>Page&lt;Order&gt;</c> in
/// a call, a declaration, a <c>new</c>) and registers, from one module initializer, the handlers of their type
/// arguments: a type only ever used as a root is then written and read by its generated code as well.
/// </summary>
internal static class GenericUsePipeline
{
    private const string HintName = "VelithonJson.GenericTypeArguments.g.cs";

    public static void Register(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<EquatableArray<string>> uses = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => node is GenericNameSyntax,
                transform: static (ctx, ct) =>
                {
                    // Bound only when its name may be a generic [VelithonJson] type's: binding every generic name is a
                    // large part of a build (GenericJsonTypeNames).
                    var name = (GenericNameSyntax)ctx.Node;
                    return GenericJsonTypeNames.MayName(ctx.SemanticModel.Compilation, name.Identifier.ValueText, name.Arity, ct)
                        ? Parser.ClosedGenericUse(ctx.SemanticModel.GetSymbolInfo(ctx.Node, ct).Symbol, ctx.SemanticModel.Compilation, ct)
                        : EquatableArray<string>.Empty;
                })
            .Where(static r => r.Count != 0)
            .WithTrackingName(TrackingNames.JsonGenericUses);

        IncrementalValueProvider<EquatableArray<string>> all = uses
            .Collect()
            .Select(static (lists, _) => lists.SelectMany(l => l).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.JsonGenericUseSet);

        context.RegisterSourceOutput(all, static (spc, statements) =>
        {
            if (statements.Count != 0)
            {
                spc.AddSource(HintName, Emitter.EmitGenericUses(statements));
            }
        });
    }
}

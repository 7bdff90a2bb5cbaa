using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// The request headers an endpoint's handler binds to its parameters (<c>[FromHeader]</c>): inputs of the response, so
/// they join the key as if the endpoint had listed them in <see cref="VelithonCachedAttribute.VaryByHeader"/>.
/// </summary>
internal static class BoundHeaders
{
    public static string[] Of(EndpointMetadataCollection metadata)
    {
        var names = new List<string>();
        if (metadata.GetMetadata<ControllerActionDescriptor>() is { } action)
        {
            foreach (var parameter in action.Parameters)
            {
                if (parameter.BindingInfo?.BindingSource == BindingSource.Header)
                {
                    names.Add(parameter.BindingInfo.BinderModelName ?? parameter.Name);
                }

                if (parameter.ParameterType is { } type && parameter.BindingInfo?.BindingSource != BindingSource.Header)
                {
                    AddProperties(type, names);
                }
            }
        }

        // Minimal APIs describe each handler parameter ([AsParameters] ones by their properties).
        foreach (IParameterBindingMetadata parameter in metadata.GetOrderedMetadata<IParameterBindingMetadata>())
        {
            AddParameter(parameter.ParameterInfo, names);
        }

        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static void AddParameter(ParameterInfo parameter, List<string> names)
    {
        if (HeaderName(parameter.GetCustomAttributes(inherit: true), parameter.Name) is { } name)
        {
            names.Add(name);
        }
        else if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
        {
            AddProperties(parameter.ParameterType, names);
            foreach (ConstructorInfo constructor in parameter.ParameterType.GetConstructors())
            {
                foreach (ParameterInfo argument in constructor.GetParameters())
                {
                    if (HeaderName(argument.GetCustomAttributes(inherit: true), argument.Name) is { } argumentName)
                    {
                        names.Add(argumentName);
                    }
                }
            }
        }
    }

    // [FromHeader] on the properties of a type bound as a whole (an MVC model, an [AsParameters] type).
    private static void AddProperties(Type type, List<string> names)
    {
        if (type.IsPrimitive || type == typeof(string))
        {
            return;
        }

        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (HeaderName(property.GetCustomAttributes(inherit: true), property.Name) is { } name)
            {
                names.Add(name);
            }
        }
    }

    private static string? HeaderName(object[] attributes, string? memberName)
    {
        foreach (object attribute in attributes)
        {
            if (attribute is IFromHeaderMetadata header)
            {
                return header.Name ?? memberName;
            }
        }

        return null;
    }
}

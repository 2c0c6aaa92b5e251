using System.Data.Common;

namespace Dabir.Archive;

/// <summary>Row shapes both stores read the same way.</summary>
internal static class StoreRows
{
    /// <summary>
    /// Near-duplicate clusters from rows of (root, member) ordered by root: each root's members, in row order.
    /// </summary>
    public static IEnumerable<IReadOnlyList<string>> Clusters(DbDataReader rows)
    {
        long root = -1;
        var members = new List<string>();
        while (rows.Read())
        {
            long next = rows.GetInt64(0);
            if (next != root && members.Count > 0)
            {
                yield return members;
                members = [];
            }
            root = next;
            members.Add(rows.GetString(1));
        }
        if (members.Count > 0)
        {
            yield return members;
        }
    }
}

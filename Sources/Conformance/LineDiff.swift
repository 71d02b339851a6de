/// A unified line diff (longest common subsequence), for expected vs actual in reports.
public enum LineDiff {
    /// `-` lines are expected only, `+` lines actual only, ` ` lines both.
    public static func unified(expected: String, actual: String, maxLines: Int = 400) -> String {
        let a = Array(expected.split(separator: "\n", omittingEmptySubsequences: false).prefix(maxLines))
        let b = Array(actual.split(separator: "\n", omittingEmptySubsequences: false).prefix(maxLines))
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out = ["--- expected", "+++ actual"]
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append("  " + a[i]); i += 1; j += 1
            } else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] {
                out.append("+ " + b[j]); j += 1
            } else {
                out.append("- " + a[i]); i += 1
            }
        }
        return out.joined(separator: "\n")
    }
}

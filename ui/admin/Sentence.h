#pragma once

// The store's and the checks' reasons are clauses ("a client named alice exists already"), made to follow
// other words; where a page shows one on its own, it becomes a sentence.

#include <QString>

namespace Admin {

inline QString sentence(const QString &clause)
{
    if (clause.isEmpty())
        return clause;
    return clause.at(0).toUpper() + clause.mid(1) + (clause.endsWith(u'.') ? QString() : QStringLiteral("."));
}

} // namespace Admin

// Must not compile: it drops a Result. Built only by the DiscardedResultIsAnError test, which expects the
// compiler to name the nodiscard attribute.

#include "core/common/Result.h"

Result<void> save()
{
    return Failure(QStringLiteral("the disk is full"));
}

void caller()
{
    save();
}

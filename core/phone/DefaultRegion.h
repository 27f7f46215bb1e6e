#pragma once

// The one default for the region numbers without +CC are read in, when no setting says otherwise:
// Japan, as in the seed. Everything that reads such numbers takes the configured region; this is only
// what the settings start from.

#include <QString>

namespace Phone {

inline QString defaultRegion()
{
    return QStringLiteral("JP");
}

} // namespace Phone

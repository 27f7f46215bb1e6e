#include "app/CommandContext.h"

#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"

std::shared_ptr<Store::Database> CommandContext::openDatabase(const QString &command) const
{
    const auto location = Store::DatabaseLocation::parse(database);
    if (!location) {
        err << "switchboard " << command << ": --database: " << location.error() << '\n';
        return nullptr;
    }
    auto opened = Store::Database::open(*location);
    if (!opened) {
        err << "switchboard " << command << ": " << location->displayName() << ": " << opened.error() << '\n';
        return nullptr;
    }
    return *opened;
}

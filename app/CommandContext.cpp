#include "app/CommandContext.h"

#include "app/ProgramName.h"

#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"

namespace App {

std::shared_ptr<Store::Database>
CommandContext::openDatabase(const QString &command, Store::DatabaseLocation::Synchronous synchronous) const
{
    auto location = Store::DatabaseLocation::parse(database);
    if (!location) {
        err << programName() << " " << command << ": --database: " << location.error() << '\n';
        return nullptr;
    }
    location.value().setSynchronous(synchronous);
    auto opened = Store::Database::open(*location);
    if (!opened) {
        err << programName() << " " << command << ": " << location->displayName() << ": " << opened.error()
            << '\n';
        return nullptr;
    }
    return *opened;
}

} // namespace App

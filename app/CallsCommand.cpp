#include "app/CallsCommand.h"

#include "app/ExitCode.h"
#include "app/ProgramName.h"
#include "app/SubcommandParser.h"
#include "core/store/CallLog.h"
#include "core/store/CallLogWriter.h"

namespace App {

namespace {

// The duration is the talk time once the outcome is known: a missed or voicemail call has none, whatever
// the caller's leg lasted.
bool talked(const Store::CallRecord &call)
{
    return call.duration >= 0
        && (call.outcome == Store::CallResult::Unknown || call.outcome == Store::CallResult::Answered);
}

} // namespace

CallsCommand::CallsCommand(const CommandContext &context)
    : m_context(context)
{ }

int CallsCommand::run(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    const QString action = arguments.value(1);
    if (action != QLatin1String("list")) {
        const bool help = action == QLatin1String("--help") || action == QLatin1String("-h");
        (help ? out : err)
            << (help || action.isEmpty()
                    ? QString()
                    : QStringLiteral("%1 calls: unknown action '%2'\n\n").arg(programName(), action))
            << "Usage: " << programName() << " calls list [--limit N]\n\nLists the call log, newest first.\n";
        return help ? ExitCode::success : ExitCode::usage;
    }
    SubcommandParser parser(
        QStringLiteral("calls list"), QString(),
        QStringLiteral("Lists the call log, newest first: time (UTC), direction, from, to, client,\n"
                       "outcome (answered, missed, voicemail, ...; - while unknown), duration, Twilio's\n"
                       "status of the caller's leg, call SID."));
    const QCommandLineOption limitOption(QStringLiteral("limit"),
                                         QStringLiteral("At most N calls (default 100)."),
                                         QStringLiteral("N"), QStringLiteral("100"));
    parser.addOption(limitOption);
    if (const int done = parser.parse(arguments.mid(1), out, err); done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(
            err, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    bool ok = false;
    const int limit = parser.value(limitOption).toInt(&ok);
    if (!ok || limit <= 0)
        return parser.usageError(err, QStringLiteral("--limit must be a positive whole number"));
    const auto database = m_context.openDatabase(QStringLiteral("calls list"));
    if (!database)
        return ExitCode::failure;
    // Calls a crashed server answered may still wait in the call journal; unless a running server owns
    // it, starting a writer stores them first.
    {
        const Store::CallLogWriter recovering(database);
    }
    const QList<Store::CallRecord> calls = Store::CallLog(database).list(limit);
    if (calls.isEmpty()) // on standard error: the list itself, for scripts, stays empty
        err << programName() << " calls list: no calls yet\n";
    for (const auto &call : calls) {
        out << call.startedAt.toUTC().toString(Qt::ISODate) << "  " << call.direction << "  " << call.from
            << " -> " << call.to << "  "
            << (call.clientName.isEmpty() ? QStringLiteral("-") : call.clientName) << "  "
            << (call.outcome == Store::CallResult::Unknown ? QStringLiteral("-")
                                                           : Store::CallResults::name(call.outcome))
            << "  " << (talked(call) ? QStringLiteral("%1 s").arg(call.duration) : QStringLiteral("-"))
            << "  " << call.status << "  " << call.callSid << '\n';
    }
    return ExitCode::success;
}

} // namespace App

#include "app/CallsCommand.h"

#include "app/ExitCode.h"
#include "app/ProgramName.h"
#include "app/SubcommandParser.h"
#include "core/store/CallLog.h"
#include "core/store/CallLogWriter.h"
#include "core/store/CallStory.h"

#include <QRegularExpression>

namespace App {

namespace {

// The duration is the talk time once the outcome is known: a missed or voicemail call has none, whatever
// the caller's leg lasted.
bool talked(const Store::CallRecord &call)
{
    return call.duration >= 0
        && (call.outcome == Store::CallResult::Unknown || call.outcome == Store::CallResult::Answered);
}

void printCall(QTextStream &out, const Store::CallRecord &call)
{
    out << call.startedAt.toUTC().toString(Qt::ISODate) << "  " << call.direction << "  " << call.from
        << " -> " << call.to << "  " << (call.clientName.isEmpty() ? QStringLiteral("-") : call.clientName)
        << "  "
        << (call.outcome == Store::CallResult::Unknown ? QStringLiteral("-")
                                                       : Store::CallResults::name(call.outcome))
        << "  " << (talked(call) ? QStringLiteral("%1 s").arg(call.duration) : QStringLiteral("-")) << "  "
        << call.status << "  " << call.callSid << '\n';
}

std::shared_ptr<Store::Database> openLog(const CommandContext &context, const QString &command)
{
    auto database = context.openDatabase(command);
    if (!database)
        return nullptr;
    // Calls a crashed server answered may still wait in the call journal; unless a running server owns
    // it, starting a writer stores them first.
    {
        const Store::CallLogWriter recovering(database);
    }
    return database;
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
    if (action == QLatin1String("list"))
        return list(arguments);
    if (action == QLatin1String("show"))
        return show(arguments);
    const bool help = action == QLatin1String("--help") || action == QLatin1String("-h");
    (help ? out : err)
        << (help || action.isEmpty()
                ? QString()
                : QStringLiteral("%1 calls: unknown action '%2'\n\n").arg(programName(), action))
        << "Usage: " << programName() << " calls list [--limit N]\n"
        << "       " << programName() << " calls show CALLSID\n\n"
        << "Lists the call log, newest first; or shows one call and what happened on it.\n";
    return help ? ExitCode::success : ExitCode::usage;
}

int CallsCommand::list(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
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
    const auto database = openLog(m_context, QStringLiteral("calls list"));
    if (!database)
        return ExitCode::failure;
    const QList<Store::CallRecord> calls = Store::CallLog(database).list(limit);
    if (calls.isEmpty()) // on standard error: the list itself, for scripts, stays empty
        err << programName() << " calls list: no calls yet\n";
    for (const auto &call : calls)
        printCall(out, call);
    return ExitCode::success;
}

int CallsCommand::show(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    SubcommandParser parser(
        QStringLiteral("calls show"), QStringLiteral("CALLSID"),
        QStringLiteral("Shows one call as calls list does, then what happened on it under\n"
                       "call control, one line each: time (UTC) and what happened."));
    if (const int done = parser.parse(arguments.mid(1), out, err); done >= 0)
        return done;
    const QStringList positional = parser.positionalArguments();
    static const QRegularExpression callSidForm(QStringLiteral("^CA[0-9a-fA-F]{32}$"));
    if (positional.size() != 1 || !callSidForm.match(positional.constFirst()).hasMatch())
        return parser.usageError(err, QStringLiteral("give one call SID: CA and 32 hexadecimal digits"));
    const auto database = openLog(m_context, QStringLiteral("calls show"));
    if (!database)
        return ExitCode::failure;
    const QString &callSid = positional.constFirst();
    const auto call = Store::CallLog(database).find(callSid);
    if (!call) {
        err << programName() << " calls show: no call " << callSid << " in the log\n";
        return ExitCode::failure;
    }
    printCall(out, *call);
    const auto story = Store::CallStory(database).of(callSid);
    if (!story) {
        err << programName() << " calls show: " << story.error() << '\n';
        return ExitCode::failure;
    }
    for (const Store::StoryEvent &event : *story)
        out << "  " << event.at.toUTC().toString(Qt::ISODate) << "  " << event.sentence() << '\n';
    return ExitCode::success;
}

} // namespace App

#pragma once

// A value or the reason there is none: how core/ reports failures without exceptions.

#include <QString>

#include <optional>
#include <utility>

template<typename T> class Result
{
public:
    static Result success(T value) { return Result(std::move(value), QString()); }
    static Result failure(const QString &error) { return Result(std::nullopt, error); }

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }

    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    const T &operator*() const { return *m_value; }
    const T *operator->() const { return &*m_value; }

    // Empty when isOk(); otherwise a sentence a person can act on.
    const QString &error() const { return m_error; }

private:
    Result(std::optional<T> value, QString error)
        : m_value(std::move(value))
        , m_error(std::move(error))
    { }

    std::optional<T> m_value;
    QString m_error;
};

// Success with nothing to return, or the reason for failure.
template<> class Result<void>
{
public:
    static Result success() { return Result(QString(), true); }
    static Result failure(const QString &error) { return Result(error, false); }

    bool isOk() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const QString &error() const { return m_error; }

private:
    Result(QString error, bool ok)
        : m_error(std::move(error))
        , m_ok(ok)
    { }

    QString m_error;
    bool m_ok;
};

#!/usr/bin/perl
# Fails when a C++ source connects a signal to a lambda or function without a context object:
#   connect(sender, &Sender::signal, [..] { .. })        -> connect(sender, &Sender::signal, context, [..] { .. })
#   QTimer::singleShot(ms, [..] { .. })                  -> QTimer::singleShot(ms, context, [..] { .. })
# Without a context the functor outlives its receiver and runs in whatever thread emits.
# QT_NO_CONTEXTLESS_CONNECT (cmake/FleetscopeOptions.cmake) forbids the connect form only from
# Qt 6.7 on; on Qt 6.4 this check is what keeps it out.
#
# Usage: scripts/check-connect-context.pl [source root]   (default: the repository)
# Reads every .cpp and .h under core, ui, app, sim, tests, benchmarks and fuzz. Comments and
# string literals are blanked first, then each connect(...) / singleShot(...) call is split into
# its top-level arguments: a connect with exactly three arguments whose second is a signal
# pointer (&Class::signal, qOverload, QOverload) has no context, and neither has a singleShot whose
# functor (a lambda) follows the interval or the timer type directly.
use strict;
use warnings;
use File::Find;
use File::Basename;

my $root = shift // dirname(dirname(__FILE__ =~ m{^/} ? __FILE__ : "./" . __FILE__));
my @dirs = grep { -d } map { "$root/$_" } qw(core ui app sim tests benchmarks fuzz);
my @files;
find(sub { push @files, $File::Find::name if /\.(cpp|h)$/ && $File::Find::dir !~ m{/fuzz/corpus} }, @dirs);

# Blanks comments, string and character literals (raw strings included), keeping newlines so
# that line numbers stay right.
sub blank {
    my ($text) = @_;
    my $keep = sub { (my $s = $_[0]) =~ s/[^\n]/ /g; $s };
    $text =~ s{
        ( //[^\n]*
        | /\*.*?\*/
        | R"([^(\s]{0,16})\(.*?\)\2"
        | "(?:[^"\\\n]|\\.)*"
        | (?<![\w'])'(?:[^'\\\n]|\\.)+'
        )
    }{ $keep->($1) }gsex;
    return $text;
}

# The top-level arguments of the call whose '(' is at $open, or undef when unbalanced.
sub arguments {
    my ($text, $open) = @_;
    my ($depth, $start, @args) = (0, $open + 1);
    for (my $i = $open; $i < length $text; ++$i) {
        my $c = substr($text, $i, 1);
        if ($c =~ /[(\[{]/) {
            ++$depth;
        } elsif ($c =~ /[)\]}]/) {
            if (--$depth == 0) {
                push @args, substr($text, $start, $i - $start);
                s/^\s+|\s+$//g for @args;
                return \@args;
            }
        } elsif ($c eq ',' && $depth == 1) {
            push @args, substr($text, $start, $i - $start);
            $start = $i + 1;
        }
    }
    return undef;
}

my $found = 0;
for my $file (sort @files) {
    open(my $fh, '<', $file) or die "check-connect-context: $file: $!\n";
    my $text = blank(do { local $/; <$fh> });
    close $fh;
    while ($text =~ /(?<![\w:.>])(?:QObject::)?(connect|QTimer::singleShot)\s*\(/g) {
        my ($what, $open) = ($1, pos($text) - 1);
        my $args = arguments($text, $open) or next;
        my @a = @$args;
        my $bad;
        if ($what eq 'connect') {
            $bad = @a == 3 && $a[1] =~ /^(?:&|q?Overload|QOverload)/;
        } else {
            $bad = (@a == 2 && $a[1] =~ /^\[/) || (@a == 3 && $a[1] =~ /^Qt::/ && $a[2] =~ /^\[/);
        }
        next unless $bad;
        my $line = 1 + (substr($text, 0, $open) =~ tr/\n//);
        (my $shown = $file) =~ s{^\Q$root\E/}{};
        print STDERR "$shown:$line: $what without a context object (give it the object the functor works for)\n";
        ++$found;
    }
}
if ($found) {
    print STDERR "check-connect-context: $found call(s) without a context object\n";
    exit 1;
}
print "check-connect-context: " . scalar(@files) . " files checked\n";

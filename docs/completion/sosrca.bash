# bash completion for sosrca(1); installed as $(DATADIR)/bash-completion/completions/sosrca.
_sosrca()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
    fi
    if [ "$cword" -eq 1 ]; then
        COMPREPLY=($(compgen -W 'analyze query rules --version -V --help' -- "$cur"))
        return
    fi
    case ${words[1]} in
    analyze)
        case $prev in
        --format) COMPREPLY=($(compgen -W 'text json md' -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W 'info warning error critical' -- "$cur")); return ;;
        --rules) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --max-age) COMPREPLY=($(compgen -W '1d 7d 30d 60d' -- "$cur")); return ;;
        --db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --limit) COMPREPLY=($(compgen -W 'total= entry= line= entries= nesting= ratio= command=' -- "$cur"))
                 compopt -o nospace 2>/dev/null; return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '--format --db --force --fts --rules --fail-on --max-age --partial-ok
                --no-color --no-timing --verbose --limit --help' -- "$cur"))
        else
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        ;;
    query)
        case $prev in
        --format) COMPREPLY=($(compgen -W 'text json' -- "$cur")); return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '--format --help' -- "$cur"))
        else
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        ;;
    rules)
        if [ "$cword" -eq 2 ]; then
            COMPREPLY=($(compgen -W 'lint' -- "$cur"))
        else
            COMPREPLY=($(compgen -d -- "$cur"))
        fi
        ;;
    esac
} &&
complete -F _sosrca sosrca

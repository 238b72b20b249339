import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { logout } from '../api/auth-api';
import { useSetSession } from './use-session';

export function useLogout(): () => void {
  const setSession = useSetSession();
  const navigate = useNavigate();
  return useCallback(() => {
    void logout()
      .catch(() => undefined) // signing out locally still makes sense when the server is gone
      .finally(() => {
        setSession(null);
        navigate('/login', { replace: true });
      });
  }, [setSession, navigate]);
}

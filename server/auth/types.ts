// The signed-in user as every face sees it.
export interface SessionUser {
  id: string;
  email?: string | null;
  name?: string | null;
}
